// Command saywho reads news articles and prints who said what: the named
// entities, the people of each article and the claims attributed to them.
//
// Usage:
//
//	saywho [flags] [FILE|DIR|-]...          analyse documents
//	saywho speakers [flags] [FILE|DIR|-]... claims grouped per speaker
//	saywho eval [flags]                     score on annotated corpora
//	saywho serve [flags]                    the who-said-what page and REST API
//	saywho help [speakers|eval|serve]       this help
//
// Run saywho help for the flags, the input forms, the output fields and
// the exit codes. Every front end goes through the library's Analyzer
// (package github.com/saywho/saywho) and prints its Result, whose JSON is
// the -format jsonl object.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

func main() {
	// The models are decoded first and stay live for the whole run, so a
	// collection while they load only marks them again (three cycles on
	// an empty input, a fifth of a start's instructions): the collector
	// is off until they are loaded, then back at its setting (GOGC).
	gc := debug.SetGCPercent(-1)
	h := hooks{loaded: func() { debug.SetGCPercent(gc) }, sized: func(int64, int) {}}
	if os.Getenv("GOMEMLIMIT") == "" { // GOMEMLIMIT (even "off") is the user's choice
		h.sized = func(largest int64, workers int) { debug.SetMemoryLimit(memoryLimit(largest, workers)) }
	}
	os.Exit(runLoaded(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, h))
}

// hooks are what the command tells the process it runs in (main sets the
// collector from them; tests pass hooks that do nothing).
type hooks struct {
	loaded func()                           // the models are loaded (called again harmlessly)
	sized  func(largest int64, workers int) // the largest input file, before any is read; not called when a size is unknown
}

// memoryLimit is the collector's soft limit for a run whose largest input
// has largest bytes, analysed by workers at once: 256 MiB plus 24 bytes
// per input byte in flight (a document's live heap peaks at 16 to 25
// times its size). Below the limit the collector runs as GOGC says (the
// heap grows to twice the live size); near it, it collects more often
// instead of doubling: a 16 MB article peaks at about 0.5 GB instead of
// 0.9 to 1.0 GB, for about 15% more CPU. Ordinary articles never come
// near 256 MiB. Standard input, whose size is not known in advance, sets
// no limit (a limit below the live heap would have the collector run all
// the time).
func memoryLimit(largest int64, workers int) int64 {
	const base = 256 << 20
	if largest <= 0 || workers <= 0 {
		return base
	}
	if largest > (math.MaxInt64-base)/24/int64(workers) {
		return math.MaxInt64
	}
	return base + 24*largest*int64(workers)
}

// Exit codes.
const (
	exitOK     = 0 // every input analysed, all output written
	exitInput  = 1 // an input could not be read or was refused; the others were analysed
	exitUsage  = 2 // bad flags or arguments; nothing analysed
	exitOutput = 3 // the output could not be written; the run stopped there
)

const usage = `usage: saywho [flags] [FILE|DIR|-]...          analyse documents
       saywho speakers [flags] [FILE|DIR|-]... claims grouped per canonical speaker
       saywho eval [flags]                     scores on annotated corpora (saywho eval -h)
       saywho serve [flags]                    the who-said-what page and REST API (saywho help serve)
       saywho help [speakers|eval|serve]       this help
       saywho -version                         module and model versions

Inputs:
  FILE            a document (-in text) or a JSON Lines file of documents (-in jsonl)
  DIR             the *.txt files below DIR (*.jsonl with -in jsonl), in lexical order
  -               standard input; also read when no argument is given and
                  standard input is a pipe or a file
  (none)          the embedded seed article, when standard input is a terminal
  With -in jsonl each line is {"id": …, "text": …, …}: other fields are
  carried to the output after "id"; a bad line is reported with its line
  number and skipped. A file or line over -max-bytes is refused with a
  message. UTF-16 with a byte order mark is decoded (offsets then count the
  UTF-8 text); invalid UTF-8 is kept byte for byte, with a warning.

Output (on standard output, one document at a time, in input order, each as
soon as it and those before it are done):
  -format jsonl   one object per document:
                  {"id", "offsets": "bytes"|"chars", "entities", "people", "claims"}
                  entity  {"text", "label": PERSON|ORG|LOC|MISC, "start", "end", "person"}
                  person  {"name", "gender", "titles", "description": span|null, "mentions"}
                  claim   {"kind": direct|indirect|mixed, "content": [span…], "cue": span|null,
                           "source": span|null, "speaker": {"name", "person"}|null,
                           "confidence", "paragraph", "sentence", "continuation"}
                  span    {"text", "start", "end"}; "warnings": [...] when the input was odd
  -format json    the same objects in one indented array
  -format csv     one row per claim (header row first)
  -format citron  one BBC Citron annotation document per line (character offsets)
  -format html    one self-contained page: each article highlighted, its claims by
                  speaker (the page of saywho serve; open it in a browser, offline)
  -format conllu  CoNLL-U: "# newdoc id = ID" per document, "# sent_id" and
                  "# text" per sentence, ten columns per token (UPOS, Penn tag,
                  head, relation) with TokenRange=START:END (bytes) in MISC
  -format text    readable tables per document (the default)
  start/end count bytes of the input as given, or characters (code points)
  with -offsets chars; person indexes people, -1 for none. JSON is written
  without HTML escaping. speakers writes -format text or json.

Progress: on a terminal, a progress bar on standard error (documents, MB/s,
ETA) and a one-line summary at the end (documents, claims, errors, time);
-quiet turns both off.

Exit codes:
  0  every input analysed and all output written
  1  an input could not be read, was refused or was a bad JSONL line; the
     others were analysed (each problem is named on standard error)
  2  bad flags or arguments
  3  the output could not be written (a message says why; the run stopped)

Flags:
`

// options are the flags shared by analysing and speakers.
type options struct {
	format   saywho.Format
	in       string
	offsets  saywho.Offsets
	ner      extract.NER
	jobs     int
	maxBytes int64
	quiet    bool
}

// newFlags declares the flags of the analyse and speakers commands.
func newFlags(name string, errw io.Writer, speakers bool) (*flag.FlagSet, func() (options, error), *bool) {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(errw)
	var names []string
	for _, f := range saywho.Formats() {
		names = append(names, f.String())
	}
	formatHelp := "output format: " + strings.Join(names, ", ")
	if speakers {
		formatHelp = "output format: text or json"
	}
	format := fl.String("format", "text", formatHelp)
	in := fl.String("in", "text", "input form: text (a file is a document) or jsonl (a file holds a JSON object per line)")
	offsets := fl.String("offsets", "bytes", "unit of start and end: bytes or chars (Unicode code points, as Python counts)")
	nerName := fl.String("ner", "model", "named-entity recognizer: model, prose (baseline) or none")
	jobs := fl.Int("j", runtime.GOMAXPROCS(0), "documents analysed in parallel")
	maxBytes := fl.Int64("max-bytes", saywho.DefaultMaxBytes, "refuse documents (and JSONL lines) longer than this many bytes")
	quiet := fl.Bool("quiet", false, "no progress bar and no summary on standard error")
	version := fl.Bool("version", false, "print the module and model versions and exit")
	fl.Usage = func() {
		fmt.Fprint(errw, usage)
		fl.PrintDefaults()
	}
	get := func() (options, error) {
		o := options{in: *in, jobs: max(*jobs, 1), maxBytes: *maxBytes, quiet: *quiet}
		var err error
		if o.format, err = saywho.ParseFormat(*format); err != nil {
			return o, fmt.Errorf("unknown -format %q (want %s)", *format, strings.Join(names, ", "))
		}
		if speakers && o.format != saywho.FormatText && o.format != saywho.FormatJSON {
			return o, fmt.Errorf("speakers: -format %q: want text or json", *format)
		}
		if o.in != "text" && o.in != "jsonl" {
			return o, fmt.Errorf("unknown -in %q (want text or jsonl)", o.in)
		}
		if o.offsets, err = saywho.ParseOffsets(*offsets); err != nil {
			return o, fmt.Errorf("unknown -offsets %q (want bytes or chars)", *offsets)
		}
		if o.ner, err = extract.ParseNER(*nerName); err != nil {
			return o, err
		}
		if o.maxBytes <= 0 {
			return o, fmt.Errorf("-max-bytes %d: want a positive number of bytes", o.maxBytes)
		}
		return o, nil
	}
	return fl, get, version
}

// run is the whole command, testable: args without the program name, the
// standard streams, and the exit status as result. in may be nil (no
// standard input).
func run(args []string, in io.Reader, out, errw io.Writer) int {
	return runLoaded(args, in, out, errw, hooks{loaded: func() {}, sized: func(int64, int) {}})
}

// runLoaded is run, calling loaded once the models of the analysis are
// loaded (before any input is read), or at once for the subcommands that
// load their own.
func runLoaded(args []string, in io.Reader, out, errw io.Writer, h hooks) int {
	loaded := h.loaded
	if len(args) > 0 {
		switch args[0] {
		case "eval", "help", "serve", "version":
			loaded()
		}
		switch args[0] {
		case "eval":
			return runEval(args[1:], out, errw)
		case "help":
			return runHelp(args[1:], out, errw)
		case "speakers":
			return runAnalyse("saywho speakers", args[1:], in, out, errw, true, h)
		case "serve":
			return runServe(args[1:], errw)
		case "version":
			return printVersion(out)
		}
	}
	return runAnalyse("saywho", args, in, out, errw, false, h)
}

// runHelp prints the help of the command or of one subcommand on out.
func runHelp(args []string, out, errw io.Writer) int {
	if len(args) > 0 && args[0] == "eval" {
		return runEval([]string{"-h"}, out, out)
	}
	if len(args) > 0 && args[0] == "serve" {
		return serveUntil(context.Background(), []string{"-h"}, out, nil)
	}
	if len(args) > 0 && args[0] != "speakers" {
		fmt.Fprintf(errw, "saywho help: unknown command %q (want speakers, eval or serve)\n", args[0])
		return exitUsage
	}
	fl, _, _ := newFlags("saywho", out, len(args) > 0)
	fl.Usage()
	return exitOK
}

// printVersion prints the module version, the Go version and the version
// of the embedded NER model.
func printVersion(out io.Writer) int {
	mod, goVersion := "(unknown)", runtime.Version()
	if bi, ok := debug.ReadBuildInfo(); ok {
		mod = bi.Main.Version
		if bi.Main.Path != "" && bi.Main.Path != "github.com/saywho/saywho" {
			mod += " (" + bi.Main.Path + ")"
		}
	}
	fmt.Fprintf(out, "saywho %s\nner model %s\nsyntax model %s\nclaims models %s\n%s\n", mod, extract.ModelVersion, extract.SyntaxModelVersion, claims.ModelVersion, goVersion)
	return exitOK
}

// runAnalyse analyses the inputs and writes their results (speakers: the
// claims grouped per speaker).
func runAnalyse(name string, args []string, in io.Reader, out, errw io.Writer, speakers bool, h hooks) int {
	loaded := h.loaded
	defer loaded() // on the paths that load nothing; calling it twice is harmless
	fl, get, version := newFlags(name, errw, speakers)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *version {
		return printVersion(out)
	}
	o, err := get()
	if err != nil {
		fmt.Fprintf(errw, "%s: %v\n", name, err)
		return exitUsage
	}
	opts := []saywho.Option{saywho.WithNER(o.ner)}
	if o.format.NeedsDocument() {
		opts = append(opts, saywho.WithDocuments())
	}
	an, err := saywho.New(opts...)
	loaded()
	if err != nil {
		fmt.Fprintf(errw, "%s: %v\n", name, err)
		return exitInput
	}
	r := &runner{name: name, o: o, errw: errw, start: time.Now()}
	srcs := r.sources(fl.Args(), in)
	var largest int64 // -1 when an input's size is unknown (standard input)
	for _, s := range srcs {
		if s.size < 0 || largest < 0 {
			largest = -1
		} else {
			largest = max(largest, s.size)
		}
		if s.size < 0 || r.total < 0 || o.in == "jsonl" { // JSONL: text bytes are not file bytes
			r.total = -1
			continue
		}
		r.total += s.size
	}
	if largest > 0 {
		h.sized(largest, min(o.jobs, len(srcs)))
	}
	r.startProgress()

	var sp saywho.Speakers
	w := saywho.NewWriter(out, o.format, saywho.WriteOptions{Offsets: o.offsets, Warn: r.warn})
	emit := func(oc outcome) error {
		r.done(oc)
		if oc.err != nil {
			return nil
		}
		if speakers {
			sp.Add(oc.result)
			return nil
		}
		return w.Write(oc.result)
	}
	work := func(ctx context.Context, j job) outcome { return r.analyse(ctx, an, j) }
	err = saywho.Ordered(context.Background(), o.jobs, r.jobs(srcs), work, emit)
	if err == nil {
		if speakers {
			err = saywho.WriteSpeakers(out, sp.List(), o.format)
		} else {
			err = w.Close()
		}
	}
	if err != nil {
		r.msg("%s: %s (output stopped)", name, errText(err))
		r.nerr++
		r.finish()
		return exitOutput
	}
	r.finish()
	return r.status
}

// source is one input argument: a document to read (text), or a JSON
// Lines file of documents (jsonl).
type source struct {
	id   string // the path as given, "stdin" or "seed:NAME"
	path string // "" for standard input and the seed
	size int64  // bytes, or -1 when unknown
}

// job is one document to analyse, or a problem to report in its place.
type job struct {
	src  source
	doc  *saywho.Document // from a JSONL line
	err  error            // a bad line or an unreadable input: nothing to analyse
	read func() ([]byte, error)
}

// outcome is what analysing a job gave.
type outcome struct {
	result saywho.Result
	bytes  int
	err    error
}

// runner holds the state of one run: status, counts and progress.
type runner struct {
	name  string
	o     options
	errw  io.Writer
	in    io.Reader
	start time.Time

	status             int
	docs, claims, nerr int
	bytes              int64
	total              int64 // bytes of the inputs when known, else -1
	bar                *progressbar.ProgressBar
}

// msg prints one line on standard error, around the progress bar.
func (r *runner) msg(format string, args ...any) {
	if r.bar != nil {
		r.bar.Clear()
	}
	fmt.Fprintf(r.errw, format+"\n", args...)
}

// errText is the message of err without the library's "saywho: " prefix,
// which the command's own prefix replaces.
func errText(err error) string { return strings.TrimPrefix(err.Error(), "saywho: ") }

// warn reports a non-fatal problem of the output (a writer's Warn).
func (r *runner) warn(s string) { r.msg("%s: warning: %s", r.name, strings.TrimPrefix(s, "saywho: ")) }

// fail reports a problem with an input and makes the exit status 1.
func (r *runner) fail(err error) {
	r.msg("%s: %s", r.name, errText(err))
	r.nerr++
	r.status = exitInput
}

// sources turns the arguments into inputs. Directories expand to the
// *.txt (-in jsonl: *.jsonl) files below them; a directory that cannot be
// walked or holds none is reported.
func (r *runner) sources(args []string, in io.Reader) []source {
	r.in = in
	stdin := source{id: "stdin", size: -1}
	if len(args) == 0 {
		if isPiped(in) {
			return []source{stdin}
		}
		return []source{{id: "seed:" + seeds.Seed, size: -1}}
	}
	ext := ".txt"
	if r.o.in == "jsonl" {
		ext = ".jsonl"
	}
	var srcs []source
	file := func(p string) source {
		s := source{id: p, path: p, size: -1}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			s.size = st.Size()
		}
		return s
	}
	for _, a := range args {
		if a == "-" {
			srcs = append(srcs, stdin)
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			srcs = append(srcs, file(a))
			continue
		}
		var files []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ext) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			r.fail(fmt.Errorf("reading directory %s: %w", a, err))
		}
		if len(files) == 0 && err == nil {
			r.fail(fmt.Errorf("%s: no *%s files in this directory", a, ext))
		}
		sort.Strings(files)
		for _, f := range files {
			srcs = append(srcs, file(f))
		}
	}
	return srcs
}

// isPiped reports whether in is standard input fed by a pipe or a file
// rather than a terminal. A reader that is not an *os.File counts as piped;
// nil does not.
func isPiped(in io.Reader) bool {
	if in == nil {
		return false
	}
	f, ok := in.(*os.File)
	if !ok {
		return true
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return st.Mode()&os.ModeCharDevice == 0
}

// open opens a source for reading.
func (r *runner) open(s source) (io.ReadCloser, error) {
	switch {
	case s.path != "":
		f, err := os.Open(s.path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", s.path, err)
		}
		return f, nil
	case strings.HasPrefix(s.id, "seed:"):
		t, err := seeds.Text(seeds.Seed)
		return io.NopCloser(strings.NewReader(t)), err
	case r.in == nil:
		return nil, errors.New("stdin: no standard input")
	}
	return io.NopCloser(r.in), nil
}

// jobs yields the documents of the sources in order: one per text source,
// one per line of a JSONL source (which is read here, line by line).
func (r *runner) jobs(srcs []source) iter.Seq[job] {
	return func(yield func(job) bool) {
		for _, s := range srcs {
			if r.o.in == "text" {
				if !yield(job{src: s, read: func() ([]byte, error) { return r.readAll(s) }}) {
					return
				}
				continue
			}
			f, err := r.open(s)
			if err != nil {
				if !yield(job{src: s, err: err}) {
					return
				}
				continue
			}
			jr := saywho.NewJSONLReader(f, s.id)
			jr.MaxBytes = int(min(r.o.maxBytes, int64(^uint(0)>>1)))
			for {
				d, err := jr.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				var le *saywho.LineError
				if err != nil && !errors.As(err, &le) {
					yield(job{src: s, err: err})
					break
				}
				j := job{src: s, err: err}
				if err == nil {
					j.doc = &d
				}
				if !yield(j) {
					f.Close()
					return
				}
			}
			f.Close()
		}
	}
}

// readAll reads a text source, refusing one over -max-bytes.
func (r *runner) readAll(s source) ([]byte, error) {
	limit := r.o.maxBytes
	tooBig := func(n int64) error {
		return fmt.Errorf("%s: %d bytes or more, over the -max-bytes limit of %d: skipped (raise -max-bytes to analyse it)", s.id, n, limit)
	}
	if s.size > limit {
		return nil, tooBig(s.size)
	}
	f, err := r.open(s)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", s.id, err)
	}
	if int64(len(b)) > limit {
		return nil, tooBig(int64(len(b)))
	}
	return b, nil
}

// analyse reads and analyses one job.
func (r *runner) analyse(ctx context.Context, an *saywho.Analyzer, j job) outcome {
	if j.err != nil {
		return outcome{err: j.err}
	}
	id, text := j.src.id, ""
	var extra []saywho.Field
	var warn string
	if j.doc != nil {
		id, text, extra = j.doc.ID, j.doc.Text, j.doc.Extra
		if int64(len(text)) > r.o.maxBytes {
			return outcome{err: fmt.Errorf("%s:%d: %s: text of %d bytes, over the -max-bytes limit of %d: skipped", j.src.id, j.doc.Line, id, len(text), r.o.maxBytes)}
		}
	} else {
		b, err := j.read()
		if err != nil {
			return outcome{err: err}
		}
		text, warn = saywho.DecodeText(b)
	}
	res, err := an.Analyze(ctx, id, text)
	if err != nil {
		return outcome{err: err}
	}
	res.Extra = extra
	if warn != "" {
		res.Warnings = append([]string{warn}, res.Warnings...)
	}
	return outcome{result: res, bytes: len(text)}
}

// done reports one outcome, in input order: its problem or its warnings,
// then the counts and the progress bar.
func (r *runner) done(oc outcome) {
	if oc.err != nil {
		r.fail(oc.err)
	} else {
		for _, w := range oc.result.Warnings {
			r.msg("%s: %s: warning: %s", r.name, oc.result.ID, w)
		}
		r.docs++
		r.claims += len(oc.result.Claims)
		r.bytes += int64(oc.bytes)
	}
	if r.bar != nil {
		r.bar.Describe(fmt.Sprintf("%d docs", r.docs))
		if r.total >= 0 {
			r.bar.Set64(min(r.bytes, r.total))
		} else {
			r.bar.Set64(r.bytes)
		}
	}
}

// startProgress shows a progress bar when standard error is a terminal.
func (r *runner) startProgress() {
	f, ok := r.errw.(*os.File)
	if r.o.quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return
	}
	r.bar = progressbar.NewOptions64(r.total,
		progressbar.OptionSetWriter(r.errw),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetDescription("0 docs"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
}

// finish ends the progress bar and prints the summary line.
func (r *runner) finish() {
	if r.bar != nil {
		r.bar.Finish()
		r.bar.Clear()
		r.bar = nil
	}
	if r.o.quiet {
		return
	}
	el := time.Since(r.start)
	fmt.Fprintf(r.errw, "%s: %d documents, %d claims, %d errors, %.1f s (%.2f MB/s)\n",
		r.name, r.docs, r.claims, r.nerr, el.Seconds(), float64(r.bytes)/1e6/max(el.Seconds(), 1e-9))
}
