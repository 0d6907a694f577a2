package claims

import (
	"strings"
	"testing"

	"github.com/saywho/saywho/extract"
)

// quoteTexts returns the content of each quotation findQuotes pairs, with
// "+" before a part that continues the previous one.
func quoteTexts(text string) []string {
	d := extract.Parse(text)
	var out []string
	for _, q := range findQuotes(nil, d) {
		s := d.Text[q.start:q.end]
		if q.prev >= 0 {
			s = "+" + s
		}
		out = append(out, s)
	}
	return out
}

func TestFindQuotes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"curly", "He said, “We won.” Then he left.", []string{"We won."}},
		{"straight", `He said, "We won." Then he left.`, []string{"We won."}},
		{"wire double single", "''We won,'' he said.", []string{"We won,"}},
		{"angle", "Il a dit « oui » hier.", []string{"oui"}},
		{"nested", "“He told me ‘never’ twice,” she said.", []string{"He told me ‘never’ twice,"}},
		{"apostrophes", "It’s the mayor’s plan, “isn’t it,” they asked.", []string{"isn’t it,"}},
		{"misused opening mark at paragraph end", "He said “there is no way out. “\n\nNext paragraph.", []string{"there is no way out."}},
		{"unclosed runs to paragraph end", "She said “we will see\n\nOther text.", []string{"we will see"}},
		{"multi-paragraph", "“First part.\n\n“Second part,” he said.", []string{"First part.", "+Second part,"}},
		{"empty", "", nil},
		{"lone marks", "“ ” “", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quoteTexts(tt.text)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("findQuotes(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
