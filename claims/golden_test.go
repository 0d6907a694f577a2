package claims_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares the claims of whole articles with testdata/NAME.golden
// (regenerate with go test ./claims -run TestGolden -update). The articles
// are parsed without NER, so the files depend on the tokenizer, the
// segmenter and this package only; speakers come from the capitalised-name
// fallback.
func TestGolden(t *testing.T) {
	bare, err := extract.New(extract.WithNER(extract.NERNone))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, name := range seeds.Names() {
		text, err := seeds.Text(name)
		if err != nil {
			t.Fatal(err)
		}
		texts["seed_"+name] = text
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			var b strings.Builder
			for _, c := range claims.Attribute(bare.Extract(text)) {
				fmt.Fprintf(&b, "%s %s\t[%d,%d) %q\t[%d,%d) %q\t%s %q %s\t", c.Kind, c.Rule, c.Source.Start, c.Source.End, c.Source.Text,
					c.Cue.Start, c.Cue.End, c.Cue.Text, c.Speaker.Kind, c.Speaker.Name, c.Speaker.Rule)
				for i, s := range c.Content {
					if i > 0 {
						b.WriteString(" + ")
					}
					fmt.Fprintf(&b, "[%d,%d)", s.Start, s.End)
				}
				b.WriteByte('\n')
			}
			path := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./claims -run TestGolden -update)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("claims of %s differ from %s (rerun with -update if the change is intended):\n%s", name, path, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only in want (-) or only in got (+).
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
