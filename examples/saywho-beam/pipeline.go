package main

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/saywho/saywho"
	"github.com/saywho/saywho/extract"
)

// Config is what the pipeline does, from the command's flags.
type Config struct {
	// Input is a glob of the files to read, in the syntax of the file
	// system it names (local paths: path/filepath.Match; gs://…).
	Input string
	// Output is the directory (or gs:// prefix) the outputs are written
	// under.
	Output string
	// Format is how a file holds documents: "text" (one document per
	// file), "jsonl" (one per line) or "auto" (jsonl for files ending in
	// .jsonl or .ndjson, before any .gz, text otherwise).
	Format string
	// Shards is the number of results files.
	Shards int
	// MaxBytes is the largest document (text file, JSONL line) analysed;
	// larger ones go to the dead letter, as the saywho command refuses
	// them (-max-bytes).
	MaxBytes int64
	// Offsets is the unit of the results' offsets: "bytes" or "chars".
	Offsets string
	// NER is the named-entity recognizer: "model", "prose" or "none".
	NER string
	// Examples is how many claims of each speaker the aggregate keeps.
	Examples int
}

// newConfig declares the pipeline's flags on fs and returns the Config
// they fill when fs is parsed. Beam's own flags (--runner, --endpoint,
// --project, …) are declared on flag.CommandLine by the SDK.
func newConfig(fs *flag.FlagSet) *Config {
	c := &Config{}
	fs.StringVar(&c.Input, "input", "", "glob of the input files, e.g. 'corpus/*.txt' or 'gs://bucket/news/*.jsonl' (quote it so the shell does not expand it)")
	fs.StringVar(&c.Output, "output", "", "directory (or gs:// prefix) to write results-*.jsonl, speakers.jsonl and deadletter.jsonl under")
	fs.StringVar(&c.Format, "format", "auto", "input format: text (a file is a document, its path the id), jsonl (a line is {\"id\", \"text\", …}) or auto (jsonl for *.jsonl and *.ndjson, text otherwise)")
	fs.IntVar(&c.Shards, "shards", 4, "number of results files")
	fs.Int64Var(&c.MaxBytes, "max-bytes", saywho.DefaultMaxBytes, "refuse documents (and JSONL lines) longer than this many bytes: they go to the dead letter")
	fs.StringVar(&c.Offsets, "offsets", "bytes", "unit of start and end: bytes or chars (Unicode code points, as Python counts)")
	fs.StringVar(&c.NER, "ner", "model", "named-entity recognizer: model, prose (baseline) or none")
	fs.IntVar(&c.Examples, "examples", 3, "claims kept per speaker in speakers.jsonl (the most confident, then by document id and offset)")
	return c
}

// check reports what is wrong with c, naming the flag.
func (c Config) check() error {
	var errs []error
	if c.Input == "" {
		errs = append(errs, errors.New("--input: a glob of input files is required"))
	} else if err := checkScheme(c.Input); err != nil {
		errs = append(errs, fmt.Errorf("--input %q: %w", c.Input, err))
	}
	if c.Output == "" {
		errs = append(errs, errors.New("--output: a directory is required"))
	} else if err := checkScheme(c.Output); err != nil {
		errs = append(errs, fmt.Errorf("--output %q: %w", c.Output, err))
	}
	switch c.Format {
	case "auto", "text", "jsonl":
	default:
		errs = append(errs, fmt.Errorf("--format %q: want auto, text or jsonl", c.Format))
	}
	if c.Shards < 1 {
		errs = append(errs, fmt.Errorf("--shards %d: want 1 or more", c.Shards))
	}
	if c.MaxBytes <= 0 {
		errs = append(errs, fmt.Errorf("--max-bytes %d: want a positive number of bytes", c.MaxBytes))
	}
	if _, err := saywho.ParseOffsets(c.Offsets); err != nil {
		errs = append(errs, fmt.Errorf("--offsets %q: want bytes or chars", c.Offsets))
	}
	if _, err := extract.ParseNER(c.NER); err != nil {
		errs = append(errs, fmt.Errorf("--ner: %w", err))
	}
	if c.Examples < 0 {
		errs = append(errs, fmt.Errorf("--examples %d: want 0 or more", c.Examples))
	}
	return errors.Join(errs...)
}

// checkScheme reports an error when no file system is registered for p's
// scheme (filesystem.ValidateScheme panics instead).
func checkScheme(p string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v (the local file system and gs:// are built in)", r)
		}
	}()
	filesystem.ValidateScheme(p)
	return nil
}

// Build adds the pipeline of cfg to s; cfg must have passed check.
//
//	glob ─ match ─ reshuffle ─ read ─ (reshuffle) ─ analyse ─┬─ results-*.jsonl (sharded)
//	          │                  │                           ├─ per speaker ─ combine ─ speakers.jsonl
//	          └──────────────────┴───────────────────────────┴─ dead letters ─ deadletter.jsonl
//
// The reshuffle after matching spreads the files over the workers (one
// glob is one element); the one after reading spreads the lines of a JSONL
// file (skipped for --format text, where a file is one document).
func Build(s beam.Scope, cfg Config) {
	globs := beam.Create(s, cfg.Input)
	files, deadMatch := beam.ParDo2(s, &matchFn{}, globs)
	files = beam.Reshuffle(s, files)
	docs, deadRead := beam.ParDo2(s, &readFn{Format: cfg.Format, MaxBytes: cfg.MaxBytes}, files)
	if cfg.Format != "text" {
		docs = beam.Reshuffle(s, docs)
	}
	out := beam.ParDoN(s, &analyzeFn{NER: cfg.NER, Offsets: cfg.Offsets, Examples: cfg.Examples}, docs)
	results, perSpeaker, deadAnalyse := out[0], out[1], out[2]

	aggregates := beam.CombinePerKey(s, &speakerCombineFn{Examples: cfg.Examples}, perSpeaker)
	speakerRows := beam.ParDo(s, speakerRow, aggregates)
	deadRows := beam.ParDo(s, deadRow, beam.Flatten(s, deadMatch, deadRead, deadAnalyse))

	writeRows(s.Scope("results"), cfg.Output, "results", cfg.Shards, false, results)
	writeRows(s.Scope("speakers"), cfg.Output, "speakers", 1, true, speakerRows)
	writeRows(s.Scope("deadletter"), cfg.Output, "deadletter", 1, true, deadRows)
}

// outputPath is the path of shard i of n of the output named name under
// dir: dir/name-SSSSS-of-NNNNN.jsonl, or dir/name.jsonl when n is 1.
func outputPath(dir, name string, i, n int) string {
	file := name + ".jsonl"
	if n > 1 {
		file = fmt.Sprintf("%s-%05d-of-%05d.jsonl", name, i, n)
	}
	if strings.Contains(dir, "://") {
		return strings.TrimSuffix(dir, "/") + "/" + file
	}
	return filepath.Join(dir, file)
}
