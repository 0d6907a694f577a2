package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
)

const evalUsage = `usage: saywho eval [-polnear DIR [-split dev]] [-conll FILE] [-gold PATH] [-conllu FILE] [-json] [-errors N] [-baseline prose] [-model DIR] [-seen FILE] [-allow-load-errors]

Scores saywho (extract.New, then claims.Attribute) on annotated corpora and
prints the figures defined in the corpus package documentation:
  -polnear DIR   PolNeAR (brat), DIR holding train/ and dev/: claim scores
  -conll FILE    CoNLL-2003 file (IOB1): entity scores, exact span and type
  -gold PATH     a saywho gold JSON file, or a directory of *.json gold files:
                 entity and claim scores
  -conllu FILE   a CoNLL-U treebank (UD English EWT dev): words, UPOS, XPOS,
                 UAS and LAS from raw text, each sentence's # text on a line
At least one corpus is required; several may be given.

Annotation problems are named on standard error, with the file's path and
line. A malformed annotation line is skipped and the rest of its file
scored; a file that cannot be loaded at all (unreadable, or a gold file
with any problem) is left out, and the exit status is then 1 unless
-allow-load-errors is given. Exit status 2: bad flags.

Examples:
  saywho eval -polnear ../shared/data/polnear -split dev
  saywho eval -conll ../shared/data/conll2003/dev.txt -baseline prose
  saywho eval -gold seeds/articles -gold corpus/testdata/gold -errors 20
  saywho eval -conllu ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu

Flags:
`

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// evalSet is one corpus to score.
type evalSet struct {
	name     string
	articles []corpus.Article
	loadErrs int // annotation problems reported
	failed   int // files left out because they could not be loaded
}

// system is one pipeline under test.
type system struct {
	name   string
	ex     *extract.Extractor
	claims bool // run claims.Attribute; false: the system finds no claims
}

// prediction is a system's output for one article.
type prediction struct {
	doc    *extract.Document
	claims []claims.Claim
}

// evalResult is the JSON output for one corpus and one system.
type evalResult struct {
	Corpus     string             `json:"corpus"`
	System     string             `json:"system"`
	Articles   int                `json:"articles"`
	LoadErrors int                `json:"load_errors"`
	Failed     int                `json:"failed_files"`
	Metrics    map[string]float64 `json:"metrics"`
	Counts     map[string][3]int  `json:"counts"` // metric -> [tp, fp, fn]
	Ratios     map[string][2]int  `json:"ratios"` // metric -> [right, total]
	score      corpus.Score
}

func runEval(args []string, out, errw io.Writer) int {
	fl := flag.NewFlagSet("saywho eval", flag.ContinueOnError)
	fl.SetOutput(errw)
	var polnear, conll, gold, conllu multiFlag
	fl.Var(&polnear, "polnear", "PolNeAR directory (holding train/ and dev/); repeatable")
	split := fl.String("split", "dev", "PolNeAR split: train or dev")
	fl.Var(&conll, "conll", "CoNLL-2003 file; repeatable")
	fl.Var(&gold, "gold", "gold JSON file or directory of *.json gold files; repeatable")
	fl.Var(&conllu, "conllu", "CoNLL-U treebank file; repeatable")
	asJSON := fl.Bool("json", false, "print the figures as JSON")
	nErrors := fl.Int("errors", 0, "list up to N misses and N false positives per corpus, with context")
	baseline := fl.String("baseline", "", `also score a baseline: "prose" (prose/v2 entities, no claims)`)
	jobs := fl.Int("j", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	seenFile := fl.String("seen", "", "CoNLL file whose entity texts count as seen in the NER breakdown (default: train.txt beside the -conll file)")
	modelDir := fl.String("model", "", "directory holding the NER model file to score instead of the embedded one (e.g. extract/internal/ner/model/trainonly)")
	allowLoadErrors := fl.Bool("allow-load-errors", false, "exit 0 even when annotation files failed to load (they are still named and left out)")
	fl.Usage = func() {
		fmt.Fprint(errw, evalUsage)
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(errw, "saywho eval: unexpected argument %q (corpora are given with -polnear, -conll or -gold)\n", fl.Arg(0))
		return 2
	}
	if len(polnear)+len(conll)+len(gold)+len(conllu) == 0 {
		fmt.Fprintln(errw, "saywho eval: no corpus: give -polnear DIR, -conll FILE, -gold PATH or -conllu FILE (see saywho eval -h)")
		return 2
	}
	if *baseline != "" && *baseline != "prose" {
		fmt.Fprintf(errw, "saywho eval: unknown -baseline %q (want prose)\n", *baseline)
		return 2
	}

	status := 0
	var sets []evalSet
	// load adds a corpus. wholeFile reports whether a problem left its
	// whole file out: every problem of a gold file does; for PolNeAR and
	// CoNLL only those with no line (the file could not be read) do.
	load := func(name string, arts []corpus.Article, err error, wholeFile func(*corpus.LoadError) bool) {
		n := 0
		failed := map[string]bool{}
		if err != nil {
			var el corpus.ErrorList
			if !errors.As(err, &el) {
				fmt.Fprintf(errw, "saywho eval: %v\n", err)
				status = 1
				return
			}
			// Annotation problems: report them, score what loaded.
			n = len(el)
			for _, e := range el {
				if wholeFile(e) {
					failed[e.File] = true
				}
			}
			for i, e := range el {
				if i == 10 {
					fmt.Fprintf(errw, "saywho eval: %s: ... and %d more annotation problems\n", name, len(el)-i)
					break
				}
				fmt.Fprintf(errw, "saywho eval: warning: %v\n", e)
			}
		}
		if len(failed) > 0 {
			files := make([]string, 0, len(failed))
			for f := range failed {
				files = append(files, f)
			}
			sort.Strings(files)
			fmt.Fprintf(errw, "saywho eval: %s: %d files failed to load and are left out: %s\n", name, len(files), strings.Join(files, ", "))
			if !*allowLoadErrors {
				status = 1
			}
		}
		sets = append(sets, evalSet{name: name, articles: arts, loadErrs: n, failed: len(failed)})
	}
	noLine := func(e *corpus.LoadError) bool { return e.Line == 0 }
	for _, dir := range polnear {
		arts, err := corpus.LoadPolNeAR(dir, *split)
		load("PolNeAR "+*split+" "+dir, arts, err, noLine)
	}
	for _, f := range conll {
		arts, err := corpus.LoadCoNLL(f)
		load("CoNLL "+f, arts, err, noLine)
	}
	for _, p := range gold {
		arts, err := loadGold(p)
		load("gold "+p, arts, err, func(*corpus.LoadError) bool { return true })
	}

	var opts []extract.Option
	if *modelDir != "" {
		opts = append(opts, extract.WithModelFS(os.DirFS(*modelDir)))
	}
	ex, err := extract.New(opts...)
	if err != nil {
		fmt.Fprintf(errw, "saywho eval: %v\n", err)
		return 1
	}
	systems := []system{{name: "saywho", ex: ex, claims: true}}
	if *baseline == "prose" {
		px, err := extract.New(extract.WithNER(extract.NERProse))
		if err != nil {
			fmt.Fprintf(errw, "saywho eval: prose baseline: %v\n", err)
			return 1
		}
		systems = append(systems, system{name: "prose", ex: px})
	}

	var seen map[string]bool // reference set of the NER breakdowns
	if *seenFile == "" && len(conll) > 0 {
		if p := filepath.Join(filepath.Dir(conll[0]), "train.txt"); p != conll[0] {
			*seenFile = p
		}
	}
	if arts, err := corpus.LoadCoNLL(*seenFile); err == nil {
		seen = corpus.EntityTexts(arts)
	}
	var results [][]evalResult // [set][system]
	var breakdowns []*corpus.NERBreakdown
	var after []func() // error listings, printed after the tables
	for _, set := range sets {
		var row []evalResult
		for si, sys := range systems {
			preds := predict(set.articles, sys, max(*jobs, 1))
			r := evalResult{Corpus: set.name, System: sys.name, LoadErrors: set.loadErrs, Failed: set.failed}
			for i := range set.articles {
				r.score.Add(&set.articles[i], preds[i].doc, preds[i].claims)
			}
			r.Articles = r.score.Articles
			r.Metrics = r.score.Metrics()
			r.Counts, r.Ratios = countsOf(r.score)
			row = append(row, r)
			if si == 0 && r.score.NER != nil {
				bd := &corpus.NERBreakdown{}
				for i := range set.articles {
					if preds[i].doc != nil && set.articles[i].Layers.Has(corpus.LayerEntities) {
						bd.Add(set.articles[i].Doc.Entities, preds[i].doc.Entities, seen)
					}
				}
				breakdowns = append(breakdowns, bd)
			} else if si == 0 {
				breakdowns = append(breakdowns, nil)
			}
			if si == 0 && *nErrors > 0 && !*asJSON {
				after = append(after, func() { printErrors(out, set, preds, *nErrors) })
			}
		}
		results = append(results, row)
	}
	udResults, udScores, udStatus := evalCoNLLU(conllu, ex, max(*jobs, 1), errw)
	status = max(status, udStatus)

	if *asJSON {
		var flat []evalResult
		for _, row := range results {
			flat = append(flat, row...)
		}
		flat = append(flat, udResults...)
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(flat); err != nil {
			fmt.Fprintf(errw, "saywho eval: %v\n", err)
			return 1
		}
		return status
	}
	for i, row := range results {
		if i > 0 {
			fmt.Fprintln(out)
		}
		printTable(out, row)
		if bd := breakdowns[i]; bd != nil {
			fmt.Fprintf(out, "%s, NER breakdown of %s (seen: entity texts of %s):\n", row[0].Corpus, row[0].System, *seenFile)
			bd.Write(out, seen != nil)
		}
	}
	for i := range udResults {
		if i > 0 || len(results) > 0 {
			fmt.Fprintln(out)
		}
		printUD(out, udResults[i], udScores[i])
	}
	for _, f := range after {
		f()
	}
	return status
}

// loadGold loads a gold JSON file, or the *.json files of a directory.
// Problems name the files by their paths.
func loadGold(p string) ([]corpus.Article, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	dir, pattern := p, "*.json"
	if !st.IsDir() {
		dir, pattern = filepath.Dir(p), globEscape(filepath.Base(p))
	}
	arts, err := corpus.Load(os.DirFS(dir), pattern)
	var el corpus.ErrorList
	if errors.As(err, &el) {
		for _, e := range el {
			e.File = filepath.Join(dir, e.File)
		}
	}
	return arts, err
}

// globEscape escapes the pattern characters of a file name for fs.Glob.
func globEscape(name string) string {
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// predict runs sys on every article, jobs at a time, and returns the
// predictions in article order.
func predict(arts []corpus.Article, sys system, jobs int) []prediction {
	preds := make([]prediction, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(jobs, max(len(arts), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				doc := sys.ex.Extract(arts[i].Doc.Text)
				p := prediction{doc: doc}
				if sys.claims {
					p.claims = claims.Attribute(doc)
				}
				preds[i] = p
			}
		}()
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return preds
}

// row is one line of the figures table.
type row struct {
	name string
	c    *corpus.Counts
	r    *corpus.Ratio
}

// rowsOf lists the figures of s in table order.
func rowsOf(s corpus.Score) []row {
	var rows []row
	if n := s.NER; n != nil {
		micro := n.Micro
		rows = append(rows, row{name: "entities (exact span+type)", c: &micro})
		for _, l := range []extract.Label{extract.PER, extract.ORG, extract.LOC, extract.MISC} {
			c := n.ByLabel[l]
			rows = append(rows, row{name: "  " + l.String(), c: &c})
		}
	}
	if cs := s.Claims; cs != nil {
		add := func(name string, c corpus.Counts) { rows = append(rows, row{name: name, c: &c}) }
		add("who said what (attribution)", cs.Attribution)
		q, sp := cs.QuotedAttribution, cs.Speaker
		rows = append(rows, row{name: "  quoted recall", r: &q}, row{name: "  speaker name right", r: &sp})
		add("Citron cue exact", cs.Cue.Exact)
		add("Citron cue overlap", cs.Cue.Overlap)
		add("Citron source exact", cs.Source.Exact)
		add("Citron source overlap", cs.Source.Overlap)
		add("Citron content exact", cs.Content.Exact)
		add("Citron content overlap", cs.Content.Overlap)
		add("Citron quote exact", cs.Quote.Exact)
		add("Citron quote overlap", cs.Quote.Overlap)
		add("PolNeAR chunk source", cs.Chunks.Source)
		add("PolNeAR chunk cue", cs.Chunks.Cue)
		add("PolNeAR chunk content", cs.Chunks.Content)
		add("  lenient: marks ignored", cs.LenientContent)
	}
	return rows
}

// countsOf returns the raw counts behind the metrics, for JSON output.
func countsOf(s corpus.Score) (map[string][3]int, map[string][2]int) {
	cs, rs := map[string][3]int{}, map[string][2]int{}
	for _, r := range rowsOf(s) {
		key := strings.TrimSpace(r.name)
		if r.c != nil {
			cs[key] = [3]int{r.c.TP, r.c.FP, r.c.FN}
		} else {
			rs[key] = [2]int{r.r.Num, r.r.Den}
		}
	}
	return cs, rs
}

// printTable prints the figures of one corpus, a column group per system.
func printTable(out io.Writer, results []evalResult) {
	if len(results) == 0 {
		return
	}
	r0 := results[0]
	fmt.Fprintf(out, "%s: %d articles", r0.Corpus, r0.Articles)
	if r0.LoadErrors > 0 {
		fmt.Fprintf(out, " (%d annotation problems skipped)", r0.LoadErrors)
	}
	if r0.Failed > 0 {
		fmt.Fprintf(out, " (%d files failed to load)", r0.Failed)
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-30s\t", "metric")
	for _, r := range results {
		fmt.Fprintf(tw, "%s P\tR\tF1\t(tp/fp/fn)\t", r.System)
	}
	fmt.Fprintln(tw)
	rows := make([][]row, len(results))
	for i, r := range results {
		rows[i] = rowsOf(r.score)
	}
	for k := range rows[0] {
		fmt.Fprintf(tw, "%-30s\t", rows[0][k].name)
		for i := range results {
			x := rows[i][k]
			if x.c != nil {
				fmt.Fprintf(tw, "%.3f\t%.3f\t%.3f\t%d/%d/%d\t", x.c.P(), x.c.R(), x.c.F1(), x.c.TP, x.c.FP, x.c.FN)
			} else if x.r.Den == 0 {
				fmt.Fprint(tw, "\t\t-\t0/0\t")
			} else {
				fmt.Fprintf(tw, "\t\t%.3f\t%d/%d\t", x.r.Value(), x.r.Num, x.r.Den)
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if c := r0.score.Claims; c != nil {
		printReliability(out, r0.System, c.Reliability)
	}
}

// printReliability prints the reliability table of a system's claims:
// per confidence bin, how many claims and the share of them right
// (corpus.Reliability).
func printReliability(out io.Writer, system string, r corpus.Reliability) {
	fmt.Fprintf(out, "  %s confidence reliability (who said what right; ECE %.3f)\n", system, r.ECE())
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "  confidence\tclaims\tmean confidence\tshare right\t\n")
	for k, b := range r {
		if b.Claims == 0 {
			continue
		}
		fmt.Fprintf(tw, "  %.1f-%.1f\t%d\t%.3f\t%.3f\t\n", float64(k)/10, float64(k+1)/10, b.Claims, b.MeanConfidence(), b.Accuracy())
	}
	tw.Flush()
}

// printErrors lists up to n misses and n false positives of the first
// system on set, with context.
func printErrors(out io.Writer, set evalSet, preds []prediction, n int) {
	type item struct{ id, line string }
	var missed, spurious []item
	for i := range set.articles {
		a := &set.articles[i]
		p := preds[i]
		if a.Layers.Has(corpus.LayerEntities) {
			var ents []extract.Entity
			if p.doc != nil {
				ents = p.doc.Entities
			}
			m, s := corpus.DiffEntities(a.Doc.Entities, ents)
			for _, e := range m {
				missed = append(missed, item{a.ID, fmt.Sprintf("%-6s %s", e.Label, snippet(a.Doc.Text, e.Span))})
			}
			for _, e := range s {
				spurious = append(spurious, item{a.ID, fmt.Sprintf("%-6s %s", e.Label, snippet(a.Doc.Text, e.Span))})
			}
		}
		if a.Layers.Has(corpus.LayerClaims) {
			gm := corpus.MatchClaims(a.Claims, p.claims, true)
			used := make([]bool, len(p.claims))
			for gi, j := range gm {
				if j >= 0 {
					used[j] = true
					continue
				}
				missed = append(missed, item{a.ID, describeClaim(a.Doc.Text, a.Claims[gi])})
			}
			for j, u := range used {
				if !u {
					spurious = append(spurious, item{a.ID, describeClaim(a.Doc.Text, p.claims[j])})
				}
			}
		}
	}
	sort.SliceStable(missed, func(i, j int) bool { return missed[i].id < missed[j].id })
	sort.SliceStable(spurious, func(i, j int) bool { return spurious[i].id < spurious[j].id })
	for _, part := range []struct {
		title string
		items []item
	}{{"missed (in the gold, not found)", missed}, {"false positives (found, not in the gold)", spurious}} {
		fmt.Fprintf(out, "\n%s, %s: %d, showing %d\n", set.name, part.title, len(part.items), min(n, len(part.items)))
		for _, it := range part.items[:min(n, len(part.items))] {
			fmt.Fprintf(out, "  %s: %s\n", it.id, it.line)
		}
	}
}

// describeClaim renders a claim as "kind source=… cue=… content=[[…]] in context".
func describeClaim(text string, c claims.Claim) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s source=%q cue=%q", c.Kind, flat(c.Source.Text), flat(c.Cue.Text))
	if c.Speaker.Kind != claims.UnknownSpeaker {
		fmt.Fprintf(&b, " speaker=%s:%q", c.Speaker.Kind, c.Speaker.Name)
	}
	if len(c.Content) > 0 {
		whole := extract.Span{Start: c.Content[0].Start, End: c.Content[len(c.Content)-1].End}
		whole.Text = text[whole.Start:whole.End]
		b.WriteString(" content: ")
		b.WriteString(snippet(text, whole))
	}
	return b.String()
}

// snippet shows s inside up to 40 bytes of text on each side, marked with
// [[ ]], on one line; long spans are cut in the middle.
func snippet(text string, s extract.Span) string {
	const side, long = 40, 160
	lo, hi := max(s.Start-side, 0), min(s.End+side, len(text))
	for lo > 0 && lo < len(text) && text[lo]&0xC0 == 0x80 {
		lo--
	}
	for hi < len(text) && text[hi]&0xC0 == 0x80 {
		hi++
	}
	mid := text[s.Start:s.End]
	if len(mid) > long {
		a, z := long/2, len(mid)-long/2
		for a > 0 && mid[a]&0xC0 == 0x80 {
			a--
		}
		for z < len(mid) && mid[z]&0xC0 == 0x80 {
			z++
		}
		mid = mid[:a] + " … " + mid[z:]
	}
	return flat(text[lo:s.Start] + "[[" + mid + "]]" + text[s.End:hi])
}

// flat puts text on one line.
func flat(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
