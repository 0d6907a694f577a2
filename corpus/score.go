package corpus

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// Counts are the outcomes of matching predicted items against gold items:
// TP predicted items that match a gold item, FP predicted items that match
// none, FN gold items that no prediction matches. Counts add up over
// documents (micro-averaging).
type Counts struct {
	TP, FP, FN int
}

// Add returns the sum of c and d.
func (c Counts) Add(d Counts) Counts { return Counts{c.TP + d.TP, c.FP + d.FP, c.FN + d.FN} }

// P returns the precision TP/(TP+FP). With no predictions (TP+FP == 0) it
// is 1 when there was nothing to find (FN == 0) and 0 otherwise: a system
// scores 1 only when it makes no error.
func (c Counts) P() float64 {
	if c.TP+c.FP == 0 {
		if c.FN == 0 {
			return 1
		}
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// R returns the recall TP/(TP+FN). With nothing to find (TP+FN == 0) it is 1
// when nothing was predicted (FP == 0) and 0 otherwise.
func (c Counts) R() float64 {
	if c.TP+c.FN == 0 {
		if c.FP == 0 {
			return 1
		}
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 returns the harmonic mean 2PR/(P+R) of P and R, and 0 when P+R == 0.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// String returns "P=0.812 R=0.790 F1=0.801 (tp=.. fp=.. fn=..)".
func (c Counts) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", c.P(), c.R(), c.F1(), c.TP, c.FP, c.FN)
}

// Ratio is an accuracy: Num right out of Den.
type Ratio struct {
	Num, Den int
}

// Add returns the sum of r and s.
func (r Ratio) Add(s Ratio) Ratio { return Ratio{r.Num + s.Num, r.Den + s.Den} }

// Value returns Num/Den, and 1 when Den == 0 (nothing to get wrong).
// Reports should show Den next to the value.
func (r Ratio) Value() float64 {
	if r.Den == 0 {
		return 1
	}
	return float64(r.Num) / float64(r.Den)
}

// String returns "0.750 (3/4)".
func (r Ratio) String() string { return fmt.Sprintf("%.3f (%d/%d)", r.Value(), r.Num, r.Den) }

// ---- Named entities ----

// NERScore is the CoNLL-2003 named-entity score: a predicted entity is
// right when a gold entity has the same Start, End and Label (exact span
// and type; a partial overlap counts as one FP and one FN). Micro counts
// all entities; ByLabel splits them by label (a predicted entity counts
// under its predicted label, a gold entity under its gold label).
type NERScore struct {
	Micro   Counts
	ByLabel map[extract.Label]Counts
}

// Add adds the counts of t to s.
func (s *NERScore) Add(t NERScore) {
	s.Micro = s.Micro.Add(t.Micro)
	if s.ByLabel == nil {
		s.ByLabel = map[extract.Label]Counts{}
	}
	for l, c := range t.ByLabel {
		s.ByLabel[l] = s.ByLabel[l].Add(c)
	}
}

// ScoreEntities scores predicted entities against gold ones, both spans of
// the same text. Entities labelled NoLabel are ignored.
func ScoreEntities(gold, pred []extract.Entity) NERScore {
	s := NERScore{ByLabel: map[extract.Label]Counts{}}
	missed, spurious := DiffEntities(gold, pred)
	for _, e := range gold {
		if e.Label != extract.NoLabel {
			c := s.ByLabel[e.Label]
			c.TP++ // every gold entity, less the missed ones below
			s.ByLabel[e.Label] = c
		}
	}
	for _, e := range missed {
		c := s.ByLabel[e.Label]
		c.TP--
		c.FN++
		s.ByLabel[e.Label] = c
	}
	for _, e := range spurious {
		c := s.ByLabel[e.Label]
		c.FP++
		s.ByLabel[e.Label] = c
	}
	for _, c := range s.ByLabel {
		s.Micro = s.Micro.Add(c)
	}
	return s
}

// DiffEntities returns the gold entities no prediction matches exactly
// (span and label) and the predictions that match no gold entity, in text
// order. Entities labelled NoLabel are ignored.
func DiffEntities(gold, pred []extract.Entity) (missed, spurious []extract.Entity) {
	type key struct {
		start, end int
		label      extract.Label
	}
	g := make(map[key]int, len(gold))
	for _, e := range gold {
		if e.Label != extract.NoLabel {
			g[key{e.Start, e.End, e.Label}]++
		}
	}
	found := make(map[key]int, len(pred))
	for _, e := range pred {
		if e.Label == extract.NoLabel {
			continue
		}
		k := key{e.Start, e.End, e.Label}
		if g[k] > found[k] {
			found[k]++
		} else {
			spurious = append(spurious, e)
		}
	}
	for _, e := range gold {
		if e.Label == extract.NoLabel {
			continue
		}
		k := key{e.Start, e.End, e.Label}
		if found[k] > 0 {
			found[k]--
		} else {
			missed = append(missed, e)
		}
	}
	return missed, spurious
}

// ---- Claims ----

// SpanScore holds exact and overlap counts for one kind of span.
//
// Exact: a predicted span is right when a gold span has the same Start and
// End. Overlap: a predicted span is right when it shares a token with a
// gold span, that is, at least one byte that is not white space (spans of
// both sides start and end on token boundaries, so sharing a non-space
// byte is sharing a token). Both match one to one: each gold span is
// matched by at most one prediction, pairs with the largest overlap first.
type SpanScore struct {
	Exact, Overlap Counts
}

// Add returns the sum of s and t.
func (s SpanScore) Add(t SpanScore) SpanScore {
	return SpanScore{s.Exact.Add(t.Exact), s.Overlap.Add(t.Overlap)}
}

// RoleCounts holds one Counts per claim role.
type RoleCounts struct {
	Source, Cue, Content Counts
}

// Add returns the sum of r and s.
func (r RoleCounts) Add(s RoleCounts) RoleCounts {
	return RoleCounts{r.Source.Add(s.Source), r.Cue.Add(s.Cue), r.Content.Add(s.Content)}
}

// ClaimScore is the full score of predicted claims against gold claims.
// Scores add up over documents with Add.
//
// Citron-compatible span scores (Cue, Source, Content, Quote): the spans of
// each role over all claims of the document form a set (the same source
// mention of two claims is counted once). Cue and Source take the claim's
// Cue and Source span; Content takes each content span. Quote scores whole
// claims: exact when cue, source and every content span match exactly (an
// absent role matches only an absent role), overlap when cue, source and
// content each overlap (absent matches absent).
//
// Chunks, as published for PolNeAR (CofeNet, Wang et al. 2022), is the
// strict headline score: exact match of role chunks as annotated. Each
// contiguous piece of a role is one chunk (PolNeAR gold keeps its raw
// pieces, see Article.Pieces), trimmed of white space and nothing else, so a
// direct quotation's content chunk includes its quotation marks on both
// sides, as PolNeAR, CofeNet, Citron and CoreNLP mark it. Duplicate chunks
// count once. LenientContent is the same content score with the quotation
// marks at both ends of every chunk (and punctuation after a closing mark)
// trimmed on both sides before comparing: a lenient figure that forgives a
// prediction without marks, never to be set beside published strict ones.
//
// Attribution is the who-said-what score: a predicted claim is right when
// one of its content spans overlaps one of a gold claim's, and its source
// overlaps that gold claim's source or both have none. Claims match one to
// one, pairs with the largest content overlap first and, among equal
// overlaps, the closest contents first (fewest bytes in one and not the
// other), so a prediction that covers a nested gold claim exactly matches
// that claim rather than the one around it.
//
// QuotedAttribution is quoted recall: the share of quoted gold claims that
// Attribution matched, where a claim is quoted when its content contains a
// double quotation mark (“ ” " „ « » and the like; single marks are
// apostrophes too often to count) or its Kind is not Indirect, that is
// fully or partly quoted. Speaker is the share of gold claims with a
// canonical speaker whose prediction (matched on content overlap alone)
// names the same person or organisation, compared with white space
// collapsed and case folded; an unmatched gold claim counts as wrong.
type ClaimScore struct {
	Cue, Source, Content, Quote SpanScore
	Chunks                      RoleCounts
	LenientContent              Counts
	Attribution                 Counts
	QuotedAttribution           Ratio
	Speaker                     Ratio
	// Reliability bins the predicted claims by Confidence and counts how
	// many of each bin Attribution counts right.
	Reliability Reliability
}

// Reliability is a reliability diagram of predicted claims: bin k holds
// the claims whose Confidence is in [k/10, (k+1)/10) (the last bin
// includes 1). A calibrated attributor has, in each bin, a share of right
// claims close to the bin's mean confidence. Reliabilities add up over
// documents.
type Reliability [10]ReliabilityBin

// ReliabilityBin counts the claims of one confidence bin: how many, how
// many right, and the sum of their confidences.
type ReliabilityBin struct {
	Claims, Right int
	SumConfidence float64
}

// Add returns the sum of r and s.
func (r Reliability) Add(s Reliability) Reliability {
	for k := range r {
		r[k].Claims += s[k].Claims
		r[k].Right += s[k].Right
		r[k].SumConfidence += s[k].SumConfidence
	}
	return r
}

// add counts one claim of confidence conf, right or not.
func (r *Reliability) add(conf float64, right bool) {
	k := min(max(int(conf*10), 0), 9)
	r[k].Claims++
	r[k].SumConfidence += conf
	if right {
		r[k].Right++
	}
}

// MeanConfidence returns the mean confidence of the bin's claims, and 0
// for an empty bin.
func (b ReliabilityBin) MeanConfidence() float64 {
	if b.Claims == 0 {
		return 0
	}
	return b.SumConfidence / float64(b.Claims)
}

// Accuracy returns the share of the bin's claims that are right, and 0
// for an empty bin.
func (b ReliabilityBin) Accuracy() float64 {
	if b.Claims == 0 {
		return 0
	}
	return float64(b.Right) / float64(b.Claims)
}

// ECE returns the expected calibration error: the mean over claims of the
// gap between a bin's mean confidence and its accuracy, each bin weighed
// by its share of the claims (Naeini et al. 2015); 0 when there are no
// claims.
func (r Reliability) ECE() float64 {
	n := 0
	for _, b := range r {
		n += b.Claims
	}
	if n == 0 {
		return 0
	}
	e := 0.0
	for _, b := range r {
		if b.Claims > 0 {
			d := b.MeanConfidence() - b.Accuracy()
			if d < 0 {
				d = -d
			}
			e += float64(b.Claims) / float64(n) * d
		}
	}
	return e
}

// Add adds the counts of t to s.
func (s *ClaimScore) Add(t ClaimScore) {
	s.Cue = s.Cue.Add(t.Cue)
	s.Source = s.Source.Add(t.Source)
	s.Content = s.Content.Add(t.Content)
	s.Quote = s.Quote.Add(t.Quote)
	s.Chunks = s.Chunks.Add(t.Chunks)
	s.LenientContent = s.LenientContent.Add(t.LenientContent)
	s.Attribution = s.Attribution.Add(t.Attribution)
	s.QuotedAttribution = s.QuotedAttribution.Add(t.QuotedAttribution)
	s.Speaker = s.Speaker.Add(t.Speaker)
	s.Reliability = s.Reliability.Add(t.Reliability)
}

// ScoreClaims scores predicted claims of gold.Doc.Text against the gold
// claims of the article. See ClaimScore for the definitions.
func ScoreClaims(gold *Article, pred []claims.Claim) ClaimScore {
	var s ClaimScore
	var gc, pc, gs, ps, gt, pt []extract.Span
	for _, c := range gold.Claims {
		gc = appendNonEmpty(gc, c.Cue)
		gs = appendNonEmpty(gs, c.Source)
		gt = appendNonEmpty(gt, c.Content...)
	}
	for _, c := range pred {
		pc = appendNonEmpty(pc, c.Cue)
		ps = appendNonEmpty(ps, c.Source)
		pt = appendNonEmpty(pt, c.Content...)
	}
	s.Cue = scoreSpans(gc, pc)
	s.Source = scoreSpans(gs, ps)
	s.Content = scoreSpans(gt, pt)

	s.Quote.Exact = matchCount(len(gold.Claims), len(pred), func(i, j int) int {
		g, p := &gold.Claims[i], &pred[j]
		if sameSpan(g.Cue, p.Cue) && sameSpan(g.Source, p.Source) && sameSpans(g.Content, p.Content) {
			return 1
		}
		return 0
	})
	s.Quote.Overlap = matchCount(len(gold.Claims), len(pred), func(i, j int) int {
		g, p := &gold.Claims[i], &pred[j]
		if !roleOverlaps(g.Cue, p.Cue) || !roleOverlaps(g.Source, p.Source) {
			return 0
		}
		return contentOverlap(g.Content, p.Content)
	})

	// Per-role chunks.
	var gch, pch [3][]extract.Span
	for i := range gold.Claims {
		rs := gold.ClaimSpans(i)
		gch = appendChunks(gch, rs)
	}
	for _, c := range pred {
		pch = appendChunks(pch, SpansOf(c))
	}
	s.Chunks.Source = scoreSpans(gch[0], pch[0]).Exact
	s.Chunks.Cue = scoreSpans(gch[1], pch[1]).Exact
	s.Chunks.Content = scoreSpans(gch[2], pch[2]).Exact
	s.LenientContent = scoreSpans(trimAllMarks(gch[2]), trimAllMarks(pch[2])).Exact

	// Who said what.
	attr := matchClaims(gold.Claims, pred, true)
	content := matchClaims(gold.Claims, pred, false)
	for i, g := range gold.Claims {
		if attr[i] >= 0 {
			s.Attribution.TP++
		} else {
			s.Attribution.FN++
		}
		if isQuoted(g) {
			s.QuotedAttribution.Den++
			if attr[i] >= 0 {
				s.QuotedAttribution.Num++
			}
		}
		if g.Speaker.IsNamed() {
			s.Speaker.Den++
			if j := content[i]; j >= 0 && pred[j].Speaker.IsNamed() && sameName(g.Speaker.Name, pred[j].Speaker.Name) {
				s.Speaker.Num++
			}
		}
	}
	s.Attribution.FP = len(pred) - s.Attribution.TP
	right := make([]bool, len(pred))
	for _, j := range attr {
		if j >= 0 {
			right[j] = true
		}
	}
	for j, p := range pred {
		s.Reliability.add(p.Confidence, right[j])
	}
	return s
}

// MatchClaims matches predicted claims to gold claims one to one and
// returns, for each gold claim, the index of its predicted claim or -1.
// With attribution set, a pair matches when contents overlap and sources
// overlap (or both are absent), as ClaimScore.Attribution counts; otherwise
// content overlap alone decides. Pairs with the largest content overlap are
// matched first; ties go to the earlier claims.
func MatchClaims(gold, pred []claims.Claim, attribution bool) []int {
	return matchClaims(gold, pred, attribution)
}

func matchClaims(gold, pred []claims.Claim, attribution bool) []int {
	return match(len(gold), len(pred), func(i, j int) int {
		g, p := &gold[i], &pred[j]
		if attribution && !roleOverlaps(g.Source, p.Source) {
			return 0
		}
		n := contentOverlap(g.Content, p.Content)
		if n == 0 {
			return 0
		}
		// Ties on overlap go to the closest pair: fewest bytes in one
		// content and not the other (a prediction that covers a nested
		// gold claim exactly is its match, not the enclosing claim's).
		diff := contentLen(g.Content) + contentLen(p.Content) - 2*n
		return n<<24 - min(max(diff, 0), 1<<24-1)
	})
}

// contentLen returns the total length in bytes of spans.
func contentLen(spans []extract.Span) int {
	n := 0
	for _, s := range spans {
		n += s.End - s.Start
	}
	return n
}

// match pairs gold items 0..ng-1 with predicted items 0..np-1 one to one,
// greedily by decreasing weight (weight 0 never pairs), and returns for
// each gold item its predicted item or -1.
func match(ng, np int, weight func(i, j int) int) []int {
	type pair struct{ i, j, w int }
	var pairs []pair
	for i := 0; i < ng; i++ {
		for j := 0; j < np; j++ {
			if w := weight(i, j); w > 0 {
				pairs = append(pairs, pair{i, j, w})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].w > pairs[b].w })
	gm := make([]int, ng)
	for i := range gm {
		gm[i] = -1
	}
	used := make([]bool, np)
	for _, p := range pairs {
		if gm[p.i] < 0 && !used[p.j] {
			gm[p.i] = p.j
			used[p.j] = true
		}
	}
	return gm
}

// matchCount returns the Counts of a one-to-one matching by weight.
func matchCount(ng, np int, weight func(i, j int) int) Counts {
	tp := 0
	for _, j := range match(ng, np, weight) {
		if j >= 0 {
			tp++
		}
	}
	return Counts{TP: tp, FP: np - tp, FN: ng - tp}
}

// scoreSpans scores two span sets, exact and overlap (see SpanScore).
// Duplicate spans (same Start and End) count once.
func scoreSpans(gold, pred []extract.Span) SpanScore {
	gold, pred = dedupe(gold), dedupe(pred)
	return SpanScore{
		Exact: matchCount(len(gold), len(pred), func(i, j int) int {
			if sameSpan(gold[i], pred[j]) {
				return 1
			}
			return 0
		}),
		Overlap: matchCount(len(gold), len(pred), func(i, j int) int { return overlap(gold[i], pred[j]) }),
	}
}

// DiffSpans returns the gold spans no prediction matches and the predicted
// spans that match no gold span, exactly or by overlap (see SpanScore).
func DiffSpans(gold, pred []extract.Span, exact bool) (missed, spurious []extract.Span) {
	gold, pred = dedupe(gold), dedupe(pred)
	gm := match(len(gold), len(pred), func(i, j int) int {
		if exact {
			if sameSpan(gold[i], pred[j]) {
				return 1
			}
			return 0
		}
		return overlap(gold[i], pred[j])
	})
	used := make([]bool, len(pred))
	for i, j := range gm {
		if j < 0 {
			missed = append(missed, gold[i])
		} else {
			used[j] = true
		}
	}
	for j, u := range used {
		if !u {
			spurious = append(spurious, pred[j])
		}
	}
	return missed, spurious
}

func dedupe(spans []extract.Span) []extract.Span {
	out := make([]extract.Span, 0, len(spans))
	seen := make(map[[2]int]bool, len(spans))
	for _, s := range spans {
		k := [2]int{s.Start, s.End}
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

func appendNonEmpty(dst []extract.Span, spans ...extract.Span) []extract.Span {
	for _, s := range spans {
		if !s.IsEmpty() {
			dst = append(dst, s)
		}
	}
	return dst
}

// appendChunks appends the trimmed chunks of rs to ch (source, cue,
// content).
func appendChunks(ch [3][]extract.Span, rs RoleSpans) [3][]extract.Span {
	for _, s := range rs.Source {
		ch[0] = appendNonEmpty(ch[0], trimSpace(s))
	}
	for _, s := range rs.Cue {
		ch[1] = appendNonEmpty(ch[1], trimSpace(s))
	}
	for _, s := range rs.Content {
		ch[2] = appendNonEmpty(ch[2], trimSpace(s))
	}
	return ch
}

// trimAllMarks returns the spans without the quotation marks at their ends
// (trimMarks), for the lenient content score.
func trimAllMarks(spans []extract.Span) []extract.Span {
	out := make([]extract.Span, 0, len(spans))
	for _, s := range spans {
		out = appendNonEmpty(out, trimMarks(s))
	}
	return out
}

func sameSpan(a, b extract.Span) bool { return a.Start == b.Start && a.End == b.End }

func sameSpans(a, b []extract.Span) bool {
	a, b = appendNonEmpty(nil, a...), appendNonEmpty(nil, b...)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameSpan(a[i], b[i]) {
			return false
		}
	}
	return true
}

// overlap returns the number of non-space bytes a and b share. Both must
// be spans of the same text.
func overlap(a, b extract.Span) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if lo >= hi {
		return 0
	}
	if len(a.Text) != a.End-a.Start {
		return hi - lo // a span without its text: count bytes
	}
	shared := a.Text[lo-a.Start : hi-a.Start]
	n := 0
	for len(shared) > 0 {
		r, size := utf8.DecodeRuneInString(shared)
		if !unicode.IsSpace(r) {
			n += size
		}
		shared = shared[size:]
	}
	return n
}

// roleOverlaps reports whether two optional spans agree: both absent, or
// both present and overlapping.
func roleOverlaps(g, p extract.Span) bool {
	if g.IsEmpty() || p.IsEmpty() {
		return g.IsEmpty() && p.IsEmpty()
	}
	return overlap(g, p) > 0
}

// contentOverlap returns the number of non-space bytes the contents share.
func contentOverlap(g, p []extract.Span) int {
	n := 0
	for _, a := range g {
		for _, b := range p {
			n += overlap(a, b)
		}
	}
	return n
}

// sameName reports whether two canonical names are equal once white space
// is collapsed and case folded.
func sameName(a, b string) bool {
	return a != "" && strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
