package main

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// row is one line of an output file. Order, when the output is sorted,
// places it (then Line); it is not written. A row with an empty Line marks
// a shard so that its file is written even when no line falls into it.
type row struct {
	Order string
	Line  string
}

// writeRows writes rows as JSON Lines under dir, in shards files named by
// outputPath. Every shard is written, empty ones too, so a reader can tell
// a finished output from a partial one. A shard's lines are sorted by
// Order, then Line, when sorted is true (the shard is then held in memory:
// for small outputs); otherwise they are streamed in the order the runner
// gives them. Lines go to shards by a hash of their content, so the same
// input gives the same files.
func writeRows(s beam.Scope, dir, name string, shards int, sorted bool, rows beam.PCollection) {
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, rows)
	marks := beam.ParDo(s, &markFn{Shards: shards}, beam.Impulse(s))
	grouped := beam.GroupByKey(s, beam.Flatten(s, keyed, marks))
	beam.ParDo0(s, &writeFn{Dir: dir, Name: name, Shards: shards, Sorted: sorted}, grouped)
}

// shardFn keys each row by its shard.
type shardFn struct{ Shards int }

// ProcessElement emits r keyed by the hash of its content, modulo Shards.
func (f *shardFn) ProcessElement(r row, emit func(int, row)) {
	h := fnv.New64a()
	h.Write([]byte(r.Order))
	h.Write([]byte{0})
	h.Write([]byte(r.Line))
	emit(int(h.Sum64()%uint64(f.Shards)), r)
}

// markFn emits one empty row per shard.
type markFn struct{ Shards int }

// ProcessElement emits the marks.
func (f *markFn) ProcessElement(_ []byte, emit func(int, row)) {
	for i := range f.Shards {
		emit(i, row{})
	}
}

// writeFn writes one shard's file. A retried bundle writes the same file
// again, whole.
type writeFn struct {
	Dir, Name string
	Shards    int
	Sorted    bool
}

// ProcessElement writes the rows of shard.
func (f *writeFn) ProcessElement(ctx context.Context, shard int, rows func(*row) bool) (err error) {
	p := outputPath(f.Dir, f.Name, shard, f.Shards)
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	defer fs.Close()
	fd, err := fs.OpenWrite(ctx, p)
	if err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	defer func() {
		if cerr := fd.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("writing %s: %w", p, cerr)
		}
	}()
	w := bufio.NewWriterSize(fd, 1<<20)
	write := func(r row) error {
		if r.Line == "" {
			return nil
		}
		if _, err := w.WriteString(r.Line); err != nil {
			return err
		}
		return w.WriteByte('\n')
	}
	var r row
	if f.Sorted {
		var all []row
		for rows(&r) {
			all = append(all, r)
		}
		slices.SortFunc(all, func(a, b row) int {
			if c := strings.Compare(a.Order, b.Order); c != 0 {
				return c
			}
			return strings.Compare(a.Line, b.Line)
		})
		for _, r := range all {
			if err := write(r); err != nil {
				return fmt.Errorf("writing %s: %w", p, err)
			}
		}
	} else {
		for rows(&r) {
			if err := write(r); err != nil {
				return fmt.Errorf("writing %s: %w", p, err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// deadRow makes the deadletter.jsonl line of d, ordered by input and line.
func deadRow(d deadLetter) (row, error) {
	line, err := marshalLine(d)
	if err != nil {
		return row{}, fmt.Errorf("encoding the dead letter of %s: %w", d.Input, err)
	}
	return row{Order: fmt.Sprintf("%s\x00%020d", d.Input, d.Line), Line: line}, nil
}
