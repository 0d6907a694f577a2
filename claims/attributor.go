package claims

import (
	"fmt"
	"io/fs"
	"sort"
	"sync"

	"github.com/saywho/saywho/claims/internal/cuemodel"
	"github.com/saywho/saywho/claims/internal/lexicon"
	"github.com/saywho/saywho/extract"
)

// Attributor finds claims in Documents. Build one with New; it never changes
// after New and is safe for concurrent use.
type Attributor struct {
	cues cueLexicon
	end  *cuemodel.EndModel // nil: contents run to the sentence end
	cal  *Calibration       // nil: raw confidences
	// works recycles the per-call buffers of Attribute (*work values, none
	// in use by two calls at once); it holds no state between calls.
	works sync.Pool
}

// Option configures an Attributor built by New.
type Option func(*config)

type config struct {
	minCueProb float64
	threshold  float64
	cal        *Calibration
	calSet     bool
	models     fs.FS
}

// DefaultMinCueProb is the default for WithMinCueProb.
const DefaultMinCueProb = 0.3

// WithMinCueProb sets the minimum estimated probability, P(cue | stem) from
// PolNeAR train counts, for a word to be read as a reporting verb. Lower
// values find more indirect claims (and more wrong ones); p must be in
// [0, 1]. The default is DefaultMinCueProb. Hand-listed reporting verbs
// need half of p.
func WithMinCueProb(p float64) Option { return func(c *config) { c.minCueProb = p } }

// DefaultCueThreshold is the default for WithCueThreshold, chosen on
// PolNeAR dev: below the perceptron's own boundary (0), because a cue that
// finds no source or content makes no claim anyway. With the syntax
// features of cuemodel/3, -4 scores higher than -3 on dev in who-said-what
// and cue F1 (mean of three training seeds: 0.747 and 0.708 against 0.745
// and 0.707).
const DefaultCueThreshold = -4

// WithCueThreshold sets the score the learned cue detector must exceed for
// a word to be read as a reporting expression. The default is
// DefaultCueThreshold; lower values find more claims (recall), higher
// values fewer and surer ones (precision).
func WithCueThreshold(t float64) Option { return func(c *config) { c.threshold = t } }

// WithModelFS makes New read the learned models from fsys instead of the
// embedded ones: the cue lexicon "cues.tsv", the cue detector "cue.model"
// and the span rankers "end.model", as claimtrain writes them (see
// claims/internal/cuemodel/SOURCES.md). The confidences keep the default
// calibration, fit with the embedded models, unless WithCalibration sets
// another.
func WithModelFS(fsys fs.FS) Option { return func(c *config) { c.models = fsys } }

// WithCalibration sets how raw scores become confidences (see
// Calibration). The default is DefaultCalibration, fit on PolNeAR train; a
// calibration read with ParseCalibration fits another corpus, and nil
// leaves Claim.Confidence the raw score of the rules, to fit a new
// calibration on.
func WithCalibration(c *Calibration) Option {
	return func(cfg *config) { cfg.cal, cfg.calSet = c, true }
}

var (
	loadLexicon = sync.OnceValues(lexicon.Load)
	loadModel   = sync.OnceValues(cuemodel.Embedded)
	loadEnd     = sync.OnceValues(cuemodel.EmbeddedEnd)
)

// New returns an Attributor configured by opts. The embedded models and
// calibration are decoded once per process and shared; New fails only on
// an invalid option, a model file that WithModelFS cannot read or decode,
// or a broken embedded model.
func New(opts ...Option) (*Attributor, error) {
	cfg := config{minCueProb: DefaultMinCueProb, threshold: DefaultCueThreshold}
	for _, o := range opts {
		o(&cfg)
	}
	if !(cfg.minCueProb >= 0 && cfg.minCueProb <= 1) {
		return nil, fmt.Errorf("claims: minimum cue probability %v outside [0, 1]", cfg.minCueProb)
	}
	lx, m, em, err := loadModels(cfg.models)
	if err != nil {
		return nil, err
	}
	if !cfg.calSet {
		if cfg.cal, err = DefaultCalibration(); err != nil {
			return nil, fmt.Errorf("claims: loading calibration: %w", err)
		}
	}
	return &Attributor{cues: cueLexicon{lx: lx, model: m, minP: cfg.minCueProb, bias: float32(-cfg.threshold)}, end: em, cal: cfg.cal}, nil
}

// loadModels returns the lexicon, the cue detector and the span rankers,
// embedded (decoded once per process) or read from fsys.
func loadModels(fsys fs.FS) (*lexicon.Lexicon, *cuemodel.Model, *cuemodel.EndModel, error) {
	if fsys == nil {
		lx, err := loadLexicon()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("claims: loading cue lexicon: %w", err)
		}
		m, err := loadModel()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("claims: loading cue model: %w", err)
		}
		em, err := loadEnd()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("claims: loading content-end model: %w", err)
		}
		return lx, m, em, nil
	}
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("claims: reading model file: %w", err)
		}
		return b, nil
	}
	b, err := read("cues.tsv")
	if err != nil {
		return nil, nil, nil, err
	}
	lx, err := lexicon.Parse(b)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("claims: cues.tsv: %w", err)
	}
	if b, err = read("cue.model"); err != nil {
		return nil, nil, nil, err
	}
	m, err := cuemodel.Load(b)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("claims: cue.model: %w", err)
	}
	if b, err = read("end.model"); err != nil {
		return nil, nil, nil, err
	}
	em, err := cuemodel.LoadEnd(b)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("claims: end.model: %w", err)
	}
	return lx, m, em, nil
}

var defaultAttributor = sync.OnceValues(func() (*Attributor, error) { return New() })

// Default returns the shared Attributor with default options, built on
// first use. It panics only if the embedded lexicon is broken, a bug in
// saywho rather than in the caller's input.
func Default() *Attributor {
	a, err := defaultAttributor()
	if err != nil {
		panic("claims: embedded lexicon is broken: " + err.Error())
	}
	return a
}

// Attribute finds the claims of doc with the Default attributor.
func Attribute(doc *extract.Document) []Claim { return Default().Attribute(doc) }

// Attribute returns the claims of doc in text order (by the start of their
// first content span). It reads doc and never modifies it; the spans of the
// claims alias doc.Text. It runs in time linear in the size of the document
// (each rule looks at a bounded window of tokens) and never fails: a
// document with no sentences gives no claims.
func (a *Attributor) Attribute(doc *extract.Document) []Claim {
	if doc == nil || len(doc.Tokens) == 0 || len(doc.Sentences) == 0 {
		return nil
	}
	w := newWork(a, doc)
	w.run()
	out := w.out
	for i := range out {
		out[i].Confidence = a.cal.Apply(out[i].Rule, out[i].Confidence)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Content[0].Start < out[j].Content[0].Start })
	w.release()
	return out
}

// Window limits keep every rule linear: no rule looks further than these
// many tokens from where it starts.
const (
	maxAfterQuote = 14  // tokens from a closing mark to its cue ("…,” Mr. X, a Y, said)
	maxBeforeGap  = 5   // words between a cue and the quotation it introduces ("told reporters on Monday:")
	maxNP         = 8   // tokens of a plain noun phrase
	maxSource     = 40  // tokens of a source with appositives and relative clauses
	maxResolve    = 4   // sentences looked back for a pronoun's antecedent
	maxContinue   = 3   // sentences between a quotation and the claim it continues
	maxWindow     = 200 // tokens on each side of a cue that its claim may cover
)
