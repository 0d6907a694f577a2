// Command saywho-beam runs who-said-what over a corpus of any size on
// Apache Beam: the same program runs in-process on Beam's Prism runner
// (the default, for tests and small jobs), on Flink, Spark or Google Cloud
// Dataflow.
//
// Usage:
//
//	saywho-beam --input GLOB --output DIR [--format auto|text|jsonl] [--shards N]
//	            [--max-bytes N] [--offsets bytes|chars] [--ner model|prose|none]
//	            [--examples K] [Beam flags: --runner, --endpoint, --project, …]
//
// Every file the glob matches is read: a text file is one document whose id
// is its path; a JSONL file (--format jsonl, or by its .jsonl or .ndjson
// extension with --format auto) holds one document per line, {"id", "text",
// …}, as the saywho command reads it (-in jsonl). Files ending in .gz are
// decompressed. Each document is analysed by the library's Analyzer, built
// once per worker, and the pipeline writes under DIR:
//
//	results-SSSSS-of-NNNNN.jsonl  one Result per line, the saywho command's -format jsonl object
//	speakers.jsonl                per canonical speaker: claims, documents and a few claims, most claims first
//	deadletter.jsonl              every input that could not be analysed, with the reason (empty when none)
//
// At the end it prints the counters the runner reports (documents, claims,
// failures) and exits, as the saywho command does, 1 when an input failed,
// 2 on bad flags, 3 when the job failed (an output could not be written, a
// file system could not be reached: the output is incomplete).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

const usage = `usage: saywho-beam --input GLOB --output DIR [flags] [Beam flags]

Runs who-said-what over every file GLOB matches (text: a file is a document;
JSONL: a line is {"id", "text", …}) on Apache Beam, Prism by default, and
writes under DIR: results-*.jsonl (the saywho command's -format jsonl lines),
speakers.jsonl (per canonical speaker) and deadletter.jsonl (inputs not
analysed, with the reason). --runner=flink|dataflow|… runs it elsewhere; see
the README, "Beyond one machine".

Flags:
`

func main() {
	cfg := newConfig(flag.CommandLine)
	flag.Usage = func() { printUsage(flag.CommandLine) }
	flag.Parse()
	beam.Init() // on a worker this runs the worker and does not return
	os.Exit(run(context.Background(), *cfg, os.Stderr))
}

// printUsage prints the usage, this program's flags, then the others of
// fs (Beam's).
func printUsage(fs *flag.FlagSet) {
	out := fs.Output()
	fmt.Fprint(out, usage)
	own := flag.NewFlagSet("saywho-beam", flag.ContinueOnError)
	own.SetOutput(out)
	newConfig(own)
	own.PrintDefaults()
	fmt.Fprintf(out, "\nBeam's flags (--runner, --endpoint, --environment_type, --project, --region, --temp_location, --staging_location, …):\n")
	rest := flag.NewFlagSet("beam", flag.ContinueOnError)
	rest.SetOutput(out)
	fs.VisitAll(func(f *flag.Flag) {
		if own.Lookup(f.Name) == nil {
			rest.Var(f.Value, f.Name, f.Usage)
		}
	})
	rest.PrintDefaults()
}

// Exit codes, as the saywho command's.
const (
	exitOK    = 0 // every input analysed, all output written
	exitInput = 1 // an input failed: see deadletter.jsonl
	exitUsage = 2 // bad flags
	exitJob   = 3 // the job failed; the output is incomplete
)

// run builds the pipeline of cfg, runs it on the runner named by --runner
// (Prism by default) and prints the counters on errw.
func run(ctx context.Context, cfg Config, errw io.Writer) int {
	if err := cfg.check(); err != nil {
		fmt.Fprintf(errw, "saywho-beam: %v\n", err)
		return exitUsage
	}
	start := time.Now()
	c, err := execute(ctx, cfg)
	el := time.Since(start).Seconds()
	if err != nil {
		fmt.Fprintf(errw, "saywho-beam: the job failed, the output under %s is incomplete: %v\n", cfg.Output, err)
		return exitJob
	}
	if c == nil {
		fmt.Fprintf(errw, "saywho-beam: done in %.1f s; the runner reported no counters (see %s)\n", el, outputPath(cfg.Output, "deadletter", 0, 1))
		return exitOK
	}
	fmt.Fprintf(errw, "saywho-beam: %s; %.1f s, %.1f documents/s\n", c, el, float64(c.get("documents"))/el)
	if n := c.get("failures"); n > 0 {
		fmt.Fprintf(errw, "saywho-beam: %d inputs failed: see %s\n", n, outputPath(cfg.Output, "deadletter", 0, 1))
		return exitInput
	}
	return exitOK
}

// execute runs the pipeline of cfg, which must have passed check, and
// returns its counters (nil when the runner reports none).
func execute(ctx context.Context, cfg Config) (counterSet, error) {
	p, s := beam.NewPipelineWithRoot()
	Build(s, cfg)
	pr, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return nil, err
	}
	return counters(pr), nil
}

// counterSet is the value of each counter of the saywho namespace, summed
// over the transforms that report it.
type counterSet map[string]int64

func (c counterSet) get(name string) int64 { return c[name] }

// String lists the counters by name: "claims=N documents=N …".
func (c counterSet) String() string {
	names := make([]string, 0, len(c))
	for n := range c {
		names = append(names, n)
	}
	sort.Strings(names)
	out := ""
	for i, n := range names {
		if i > 0 {
			out += " "
		}
		out += fmt.Sprintf("%s=%d", n, c[n])
	}
	return out
}

// counters returns the saywho counters of a finished job, or nil when the
// runner reported none (not every runner reports metrics to the program).
func counters(pr beam.PipelineResult) counterSet {
	if pr == nil {
		return nil
	}
	var c counterSet
	for _, r := range pr.Metrics().AllMetrics().Counters() {
		if r.Namespace() != metricsNamespace {
			continue
		}
		if c == nil {
			c = counterSet{}
		}
		c[r.Name()] += r.Result()
	}
	return c
}
