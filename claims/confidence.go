package claims

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/saywho/saywho/claims/internal/cuemodel"
)

// Calibration turns the raw score the rules give a claim into a
// confidence: the share of claims with that rule and score that are right,
// as measured on an annotated corpus. Scores of different rules mean
// different things ("“…,” she said" at 0.9 is surer than "…, adding …" at
// 0.9), so each rule has its own monotone map; a rule the corpus had too
// few claims of falls back on the map of all rules together.
//
// The embedded calibration (DefaultCalibration) is fit on the PolNeAR train
// split, where a claim is right when corpus.ScoreClaims counts it right
// for who said what (its content and its source overlap a gold claim's);
// `saywho eval` prints how well it holds on dev. A nil *Calibration leaves
// confidences raw, which is what a new calibration is fit on. A
// Calibration is read-only and safe for concurrent use.
type Calibration struct {
	maps map[Rule][]knot
	pool []knot
}

// knot is a point of a piecewise-linear map from raw score to confidence.
type knot struct{ raw, conf float64 }

// CalibrationVersion is the first line of a calibration file.
const CalibrationVersion = "calibration/1"

var loadCalibration = sync.OnceValues(func() (*Calibration, error) {
	return ParseCalibration(bytes.NewReader(cuemodel.EmbeddedCalibration()))
})

// DefaultCalibration returns the embedded calibration, fit on PolNeAR
// train by claimtrain -calibrate (see claims/internal/cuemodel/SOURCES.md),
// decoded once per process. It fails only if the embedded file is broken.
func DefaultCalibration() (*Calibration, error) { return loadCalibration() }

// ParseCalibration reads a calibration file: the line "calibration/1",
// then one knot per line, "RULE<TAB>RAW<TAB>CONFIDENCE", where RULE is a
// rule ID (D1, I2, …) or "*" for the map of all rules, RAW and CONFIDENCE
// numbers in [0, 1], and a rule's knots come in increasing RAW with
// non-decreasing CONFIDENCE. Lines starting with # are comments. Errors
// name the line.
func ParseCalibration(r io.Reader) (*Calibration, error) {
	c := &Calibration{maps: map[Rule][]knot{}}
	sc := bufio.NewScanner(r)
	line := 0
	header := false
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !header {
			if text != CalibrationVersion {
				return nil, fmt.Errorf("claims: calibration line %d: %q, want %q first", line, text, CalibrationVersion)
			}
			header = true
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("claims: calibration line %d: %d fields, want RULE, RAW and CONFIDENCE separated by tabs", line, len(f))
		}
		raw, err1 := strconv.ParseFloat(f[1], 64)
		conf, err2 := strconv.ParseFloat(f[2], 64)
		if err1 != nil || err2 != nil || !(raw >= 0 && raw <= 1) || !(conf >= 0 && conf <= 1) {
			return nil, fmt.Errorf("claims: calibration line %d: raw score %q and confidence %q must be numbers in [0, 1]", line, f[1], f[2])
		}
		k := knot{raw, conf}
		m := c.pool
		rule := NoRule
		if f[0] != "*" {
			var err error
			if rule, err = ParseRule(f[0]); err != nil || rule == NoRule {
				return nil, fmt.Errorf("claims: calibration line %d: unknown rule %q", line, f[0])
			}
			m = c.maps[rule]
		}
		if n := len(m); n > 0 && (m[n-1].raw >= raw || m[n-1].conf > conf) {
			return nil, fmt.Errorf("claims: calibration line %d: the map of rule %s must increase (%s %s after %v %v)", line, f[0], f[1], f[2], m[n-1].raw, m[n-1].conf)
		}
		m = append(m, k)
		if rule == NoRule {
			c.pool = m
		} else {
			c.maps[rule] = m
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("claims: reading calibration: %w", err)
	}
	if !header {
		return nil, fmt.Errorf("claims: calibration: empty, want %q first", CalibrationVersion)
	}
	if len(c.pool) == 0 {
		return nil, fmt.Errorf("claims: calibration: no map of all rules (RULE \"*\")")
	}
	return c, nil
}

// Apply returns the calibrated confidence of a claim of rule with raw
// score raw: the rule's map, or the map of all rules when the rule has
// none, interpolated linearly between knots and constant beyond them. A
// nil Calibration returns raw.
func (c *Calibration) Apply(rule Rule, raw float64) float64 {
	if c == nil {
		return raw
	}
	m := c.maps[rule]
	if len(m) == 0 {
		m = c.pool
	}
	i := sort.Search(len(m), func(i int) bool { return m[i].raw >= raw })
	switch {
	case i == 0:
		return m[0].conf
	case i == len(m):
		return m[len(m)-1].conf
	}
	a, b := m[i-1], m[i]
	return a.conf + (b.conf-a.conf)*(raw-a.raw)/(b.raw-a.raw)
}

// Rules returns the rules that have a map of their own, in order.
func (c *Calibration) Rules() []Rule {
	if c == nil {
		return nil
	}
	out := make([]Rule, 0, len(c.maps))
	for r := range c.maps {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
