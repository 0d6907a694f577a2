// Command saywho reads news articles and prints who said what: the named
// entities, the people of each article and the claims attributed to them.
//
// Usage:
//
//	saywho [-format text|json|jsonl|conllu] [-ner model|prose|none] [-j N] [FILE|DIR|-]...
//	saywho eval [flags]      (see saywho eval -h)
//
// With no FILE and no piped standard input, saywho reads the embedded seed
// article. "-" or piped standard input reads standard input. A directory
// stands for the *.txt files below it, in lexical order.
//
// Output contract (stable; extended only by adding fields):
//
//   - -format jsonl: one JSON object per input document, one per line, in
//     input order: {"id", "entities": [...], "people": [...], "claims": [...]}.
//     id is the path as given, "seed:NAME" or "stdin".
//   - entity: {"text", "label", "start", "end", "person"}; label is PERSON,
//     ORG, LOC or MISC; person is the index into people, or -1.
//   - claim: {"kind": "direct"|"indirect"|"mixed", "content": [span, ...],
//     "cue": span|null, "source": span|null, "speaker": {"name", ...}|null,
//     "confidence": 0..1, "paragraph", "sentence", "continuation"}.
//   - span: {"text", "start", "end"}: byte offsets into the input as given.
//   - -format json: the same objects as one indented JSON array.
//   - -format conllu: CoNLL-U, as corpus.WriteCoNLLU writes it: "# newdoc
//     id = ID" per input, "# sent_id" and "# text" per sentence, ten columns
//     per token with TokenRange=START:END (byte offsets into the input) in
//     MISC.
//   - text (default): a readable table per document.
//
// A file that cannot be read is named on standard error; the others are
// still processed and the exit status is 1. Input that is not valid UTF-8
// or is empty is processed anyway, with a warning naming the file and the
// byte offset.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/corpus"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command, testable: args without the program name, the
// standard streams, and the exit status as result. in may be nil (no
// standard input).
func run(args []string, in io.Reader, out, errw io.Writer) int {
	if len(args) > 0 && args[0] == "eval" {
		return runEval(args[1:], out, errw)
	}
	fl := flag.NewFlagSet("saywho", flag.ContinueOnError)
	fl.SetOutput(errw)
	format := fl.String("format", "text", "output format: text, json, jsonl or conllu")
	nerName := fl.String("ner", "model", "named-entity recognizer: model, prose (baseline) or none")
	jobs := fl.Int("j", runtime.GOMAXPROCS(0), "documents analysed in parallel")
	fl.Usage = func() {
		fmt.Fprintf(errw, "usage: saywho [-format text|json|jsonl|conllu] [-ner model|prose|none] [FILE|DIR|-]...\n       saywho eval -h\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch *format {
	case "text", "json", "jsonl", "conllu":
	default:
		fmt.Fprintf(errw, "saywho: unknown -format %q (want text, json, jsonl or conllu)\n", *format)
		return 2
	}
	ner, err := extract.ParseNER(*nerName)
	if err != nil {
		fmt.Fprintf(errw, "saywho: %v\n", err)
		return 2
	}
	ex, err := extract.New(extract.WithNER(ner))
	if err != nil {
		fmt.Fprintf(errw, "saywho: %v\n", err)
		return 1
	}
	at := claims.Default()

	inputs, status := collectInputs(fl.Args(), in, errw)
	results := analyse(inputs, ex, at, max(*jobs, 1))

	var all []docJSON
	for i, r := range results {
		if r.err != nil {
			fmt.Fprintf(errw, "saywho: %v\n", r.err)
			status = 1
			continue
		}
		for _, w := range r.warnings {
			fmt.Fprintf(errw, "saywho: %s: warning: %s\n", inputs[i].id, w)
		}
		switch *format {
		case "jsonl":
			b, err := json.Marshal(r.doc)
			if err != nil {
				fmt.Fprintf(errw, "saywho: %s: %v\n", inputs[i].id, err)
				status = 1
				continue
			}
			out.Write(append(b, '\n'))
		case "json":
			all = append(all, r.doc)
		case "conllu":
			if err := corpus.WriteCoNLLU(out, inputs[i].id, r.ed); err != nil {
				fmt.Fprintf(errw, "saywho: %v\n", err)
				status = 1
			}
		default:
			writeText(out, r.doc)
		}
	}
	if *format == "json" {
		if all == nil {
			all = []docJSON{}
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			fmt.Fprintf(errw, "saywho: %v\n", err)
			status = 1
		}
	}
	return status
}

// input is one document to analyse: its id for the output and how to read it.
type input struct {
	id   string
	read func() ([]byte, error)
}

// collectInputs turns the arguments into inputs. Directories expand to the
// *.txt files below them; a directory that cannot be walked is reported and
// sets the status to 1.
func collectInputs(args []string, in io.Reader, errw io.Writer) ([]input, int) {
	status := 0
	stdin := func() ([]byte, error) {
		if in == nil {
			return nil, errors.New("stdin: no standard input")
		}
		b, err := io.ReadAll(in)
		if err != nil {
			return nil, fmt.Errorf("stdin: %w", err)
		}
		return b, nil
	}
	if len(args) == 0 {
		if isPiped(in) {
			return []input{{id: "stdin", read: stdin}}, 0
		}
		return []input{{id: "seed:" + seeds.Seed, read: func() ([]byte, error) {
			s, err := seeds.Text(seeds.Seed)
			return []byte(s), err
		}}}, 0
	}
	var inputs []input
	for _, a := range args {
		if a == "-" {
			inputs = append(inputs, input{id: "stdin", read: stdin})
			continue
		}
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			var files []string
			err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && strings.HasSuffix(p, ".txt") {
					files = append(files, p)
				}
				return nil
			})
			if err != nil {
				fmt.Fprintf(errw, "saywho: reading directory %s: %v\n", a, err)
				status = 1
			}
			sort.Strings(files)
			for _, f := range files {
				inputs = append(inputs, fileInput(f))
			}
			continue
		}
		inputs = append(inputs, fileInput(a))
	}
	return inputs, status
}

func fileInput(path string) input {
	return input{id: path, read: func() ([]byte, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, err)
		}
		return b, nil
	}}
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

type result struct {
	doc      docJSON
	ed       *extract.Document
	warnings []string
	err      error
}

// analyse runs the pipeline on the inputs with up to jobs goroutines and
// returns the results in input order. Standard input is read once, in the
// calling goroutine, before the workers start.
func analyse(inputs []input, ex *extract.Extractor, at *claims.Attributor, jobs int) []result {
	results := make([]result, len(inputs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, jobs)
	for i, inp := range inputs {
		b, err := inp.read()
		if err != nil {
			results[i].err = err
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			text := string(b)
			results[i].warnings = inputWarnings(text)
			d := ex.Extract(text)
			results[i].doc = makeDocJSON(inp.id, d, at.Attribute(d))
			results[i].ed = d
		}()
	}
	wg.Wait()
	return results
}

// inputWarnings describes what is odd about text: empty, not UTF-8 (with the
// offset of the first bad byte), or binary (NUL bytes).
func inputWarnings(text string) []string {
	var w []string
	if strings.TrimSpace(text) == "" {
		w = append(w, "empty input: no text to analyse")
	}
	if !utf8.ValidString(text) {
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				w = append(w, fmt.Sprintf("invalid UTF-8 at byte %d (0x%02x); bytes kept as is, offsets still count bytes of the input", i, text[i]))
				break
			}
			i += size
		}
	}
	if strings.IndexByte(text, 0) >= 0 {
		w = append(w, fmt.Sprintf("NUL byte at byte %d: input looks binary", strings.IndexByte(text, 0)))
	}
	return w
}
