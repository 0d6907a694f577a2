package claims

import "testing"

func TestSourceLeft(t *testing.T) {
	tests := []struct{ name, text, cue, want string }{
		{"a name (S2)", "Maria Lopez said the plan failed.", "said", "Maria Lopez"},
		{"an appositive chain and a relative clause (S3)",
			"Franak Viacorka, an aide to the opposition leader, who has long called for sanctions, said the plan failed.", "said",
			"Franak Viacorka, an aide to the opposition leader, who has long called for sanctions,"},
		{"a participle phrase is left out (S4)", "Trump, speaking to a veterans group in Virginia, said the plan failed.", "said", "Trump"},
		{"a clause before the chain is no head (S3c)", "The plant will close next year, Karl Hesse, the chief executive, said.", "said", "Karl Hesse, the chief executive,"},
		{"a post-modifier stays (S6)", "Many people involved in the negotiations said the plan failed.", "said", "Many people involved in the negotiations"},
		{"a time word is left out (S7)", "David Axelrod on Wednesday said the plan failed.", "said", "David Axelrod"},
		{"an aside is left out (S7)", "Some Democrats, however, said the plan failed.", "said", "Some Democrats"},
		{"coordinated names", "Mr. Grassley and Mr. Leahy said the plan failed.", "said", "Mr. Grassley and Mr. Leahy"},
		{"a parenthesis stays", "Rep. Gwen Moore (D-Wis.) said the plan failed.", "said", "Rep. Gwen Moore (D-Wis.)"},
		{"a partitive relative (S2b)", "This has angered families, many of whom say the plan failed.", "say", "many of whom"},
		{"a gerund after a verb takes its subject (S2d)", "They could not resist pointing out that the plan failed.", "pointing", "They"},
		{"an introductory phrase is left out", "In 2005, the senator said the plan failed.", "said", "the senator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := stageWork(t, tt.text)
			defer w.release()
			r, ok := w.src.left(cueOf(t, w, tt.cue, 0))
			if got := w.d.TokenSpan(r).Text; !ok || got != tt.want {
				t.Errorf("src.left(%q) in %q = %q, %v; want %q", tt.cue, tt.text, got, ok, tt.want)
			}
		})
	}
}

func TestSourceRight(t *testing.T) {
	tests := []struct{ name, text, cue, want string }{
		{"inverted, an appositive", "The plan failed, said Paul Chipok, a lawyer in Orlando.", "said", "Paul Chipok, a lawyer in Orlando"},
		{"inverted, a time word after the appositive (S7)", "“We will appeal,” said Omar Haddad, a lawyer for the families, on Thursday.", "said",
			"Omar Haddad, a lawyer for the families"},
		{"inverted, an adjunct after the appositive (S7)", "“I was never consulted,” wrote Clara Moss, a former head of the agency, in a letter.", "wrote",
			"Clara Moss, a former head of the agency"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := stageWork(t, tt.text)
			defer w.release()
			c := cueOf(t, w, tt.cue, 0)
			_, hi := w.sent(int(w.sentOf[c.head]))
			r, ok := w.src.right(c.r.Hi, hi, false)
			if got := w.d.TokenSpan(r).Text; !ok || got != tt.want {
				t.Errorf("src.right after %q in %q = %q, %v; want %q", tt.cue, tt.text, got, ok, tt.want)
			}
		})
	}
}

func TestSourcePlausible(t *testing.T) {
	w := stageWork(t, "panel Chairman Rep. Jason Chaffetz said so. a spokesman said so. the plan, he said so.")
	defer w.release()
	for _, tt := range []struct {
		span string
		want bool
	}{
		{"panel Chairman Rep. Jason Chaffetz", true}, // a lower-case title before a name
		{"a spokesman", true},
		{"the plan, he", true},
		{"said so. a", false}, // a stop is a clause break
		{"said", false},       // a lower-case word alone
	} {
		if got := w.src.plausible(tokenRange(t, w, tt.span, 0)); got != tt.want {
			t.Errorf("src.plausible(%q) = %v, want %v", tt.span, got, tt.want)
		}
	}
}
