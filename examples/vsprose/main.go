// Command vsprose compares the CPU time of two whole processes on the same
// texts, in the same run: prose/v2 (every stage on, one prose.NewDocument
// per text, as its API is meant to be used) and the saywho command (syntax
// on, one worker, JSON Lines to a discarded output). It reports user and
// system CPU of each process, from the operating system's accounting of
// the child (getrusage), and their ratio; with -startup N it also runs
// saywho N times on an empty file and reports the mean CPU of a start.
//
//	go build -o /tmp/saywho ./examples/saywho
//	go run ./examples/vsprose -saywho /tmp/saywho ../shared/data/polnear/dev/text
//	go run ./examples/vsprose -saywho /tmp/saywho -startup 50 -runs 3 ../shared/data/polnear/train/text
//
// The texts are the *.txt files of each DIR argument (or the FILE
// arguments), read by both processes. prose runs in a child process of
// vsprose itself (vsprose -prose-child), so that its CPU is that of a
// whole process too: start-up, model decoding and analysis. saywho runs
// -runs times (prose once: it is slow) and the lowest and highest CPU are
// reported, since the host may be shared.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/jdkato/prose/v2"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, out, errw io.Writer) int {
	fl := flag.NewFlagSet("vsprose", flag.ContinueOnError)
	fl.SetOutput(errw)
	saywho := fl.String("saywho", "", "path of the built saywho command (go build -o PATH ./examples/saywho)")
	runs := fl.Int("runs", 1, "times saywho runs over the texts (the lowest and highest CPU are shown)")
	startup := fl.Int("startup", 0, "times saywho runs on an empty file, for the mean CPU of a start (0: none)")
	skipProse := fl.Bool("no-prose", false, "do not run prose (saywho figures only)")
	child := fl.Bool("prose-child", false, "internal: analyse the files with prose and print the entity count")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	files, err := textFiles(fl.Args())
	if err != nil {
		fmt.Fprintln(errw, "vsprose:", err)
		return 1
	}
	if *child {
		return proseChild(files, out, errw)
	}
	if *saywho == "" || len(files) == 0 {
		fmt.Fprintln(errw, "usage: vsprose -saywho PATH [-runs N] [-startup N] [-no-prose] DIR|FILE...")
		return 2
	}
	size := 0
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			fmt.Fprintln(errw, "vsprose:", err)
			return 1
		}
		size += int(st.Size())
	}
	fmt.Fprintf(out, "%d texts, %.2f MB\n", len(files), float64(size)/1e6)
	if *startup > 0 {
		empty, err := os.CreateTemp("", "vsprose-empty-*.txt")
		if err != nil {
			fmt.Fprintln(errw, "vsprose:", err)
			return 1
		}
		empty.Close()
		defer os.Remove(empty.Name())
		var total time.Duration
		for range *startup {
			u, s, err := cpu(io.Discard, *saywho, "-quiet", "-format", "jsonl", empty.Name())
			if err != nil {
				fmt.Fprintln(errw, "vsprose: saywho on an empty file:", err)
				return 1
			}
			total += u + s
		}
		fmt.Fprintf(out, "saywho start-up (empty file, mean of %d): %.1f ms CPU\n", *startup, ms(total)/float64(*startup))
	}
	var cpus []time.Duration
	for range max(*runs, 1) {
		u, s, err := cpu(errw, *saywho, append([]string{"-quiet", "-format", "jsonl", "-j", "1"}, files...)...)
		if err != nil {
			fmt.Fprintln(errw, "vsprose: saywho:", err)
			return 1
		}
		cpus = append(cpus, u+s)
		fmt.Fprintf(out, "saywho: %.3f s user + %.3f s sys = %.3f s CPU (%.2f MB per CPU second)\n",
			u.Seconds(), s.Seconds(), (u + s).Seconds(), float64(size)/1e6/(u+s).Seconds())
	}
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	if *skipProse {
		return 0
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(errw, "vsprose:", err)
		return 1
	}
	u, s, err := cpu(errw, self, append([]string{"-prose-child"}, files...)...)
	if err != nil {
		fmt.Fprintln(errw, "vsprose: prose:", err)
		return 1
	}
	p := u + s
	fmt.Fprintf(out, "prose/v2: %.3f s user + %.3f s sys = %.3f s CPU (%.4f MB per CPU second)\n",
		u.Seconds(), s.Seconds(), p.Seconds(), float64(size)/1e6/p.Seconds())
	lo, hi := cpus[0], cpus[len(cpus)-1]
	fmt.Fprintf(out, "ratio (prose CPU / saywho CPU): %.1fx to %.1fx\n", p.Seconds()/hi.Seconds(), p.Seconds()/lo.Seconds())
	return 0
}

// cpu runs name with args, its output discarded and its standard error
// written to errw, and returns the user and system CPU time of the process.
func cpu(errw io.Writer, name string, args ...string) (user, sys time.Duration, err error) {
	cmd := exec.Command(name, args...)
	cmd.Stdout = io.Discard
	cmd.Stderr = errw
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return 0, 0, fmt.Errorf("running %s: %w", name, err)
		}
		return 0, 0, fmt.Errorf("%s exited with status %d", name, ee.ExitCode())
	}
	return cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime(), nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// textFiles expands DIR arguments to their *.txt files in lexical order
// and keeps FILE arguments as they are.
func textFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		m, err := filepath.Glob(filepath.Join(a, "*.txt"))
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", a, err)
		}
		if len(m) == 0 {
			return nil, fmt.Errorf("%s: no *.txt files", a)
		}
		files = append(files, m...)
	}
	return files, nil
}

// proseChild analyses each file with prose/v2's default pipeline
// (tokenization, segmentation, part-of-speech tagging, named entities)
// and prints the number of tokens and entities found.
func proseChild(files []string, out, errw io.Writer) int {
	tokens, ents := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(errw, "vsprose:", err)
			return 1
		}
		doc, err := prose.NewDocument(string(b))
		if err != nil {
			fmt.Fprintf(errw, "vsprose: prose on %s: %v\n", f, err)
			return 1
		}
		tokens += len(doc.Tokens())
		ents += len(doc.Entities())
		_ = doc.Sentences()
	}
	fmt.Fprintf(out, "prose: %d tokens, %d entities\n", tokens, ents)
	return 0
}
