package claims_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
	"github.com/saywho/saywho/seeds"
)

// brief renders a claim as "kind|source|cue|speaker|content … content",
// where speaker is the name of a person or organisation, "group:" and the
// name of a group, or empty.
func brief(c claims.Claim) string {
	var parts []string
	for _, s := range c.Content {
		parts = append(parts, s.Text)
	}
	spk := c.Speaker.Name
	if c.Speaker.Kind == claims.GroupSpeaker {
		spk = "group:" + spk
	}
	return strings.Join([]string{c.Kind.String(), c.Source.Text, c.Cue.Text, spk, strings.Join(parts, " … ")}, "|")
}

func TestAttribute(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"said after quote", "“The plan has failed,” said Maria Lopez.",
			[]string{"direct|Maria Lopez|said|Maria Lopez|“The plan has failed,”"}},
		{"source then cue after quote", "“The plan has failed,” Maria Lopez said on Monday.",
			[]string{"direct|Maria Lopez|said|Maria Lopez|“The plan has failed,”"}},
		{"cue and colon before quote", "Maria Lopez said: “The plan has failed.”",
			[]string{"direct|Maria Lopez|said:|Maria Lopez|“The plan has failed.”"}},
		{"appositive and relative clause skipped",
			"Franak Viacorka, the chief of staff of the exile opposition chief Svetlana Tikhanovskaya, who has long called for sanctions, said: “We are very grateful.”",
			[]string{"direct|Franak Viacorka, the chief of staff of the exile opposition chief Svetlana Tikhanovskaya, who has long called for sanctions,|said:|Franak Viacorka|“We are very grateful.”"}},
		{"a claim in a relative clause of a source (I1r)",
			"Franak Viacorka, an aide to Svetlana Tikhanovskaya, who has long called for new sanctions, said: “We are very grateful.”",
			[]string{"indirect|who|has long called for|Svetlana Tikhanovskaya|new sanctions",
				"direct|Franak Viacorka, an aide to Svetlana Tikhanovskaya, who has long called for new sanctions,|said:|Franak Viacorka|“We are very grateful.”"}},
		{"a definite noun names the organisation again (P5)",
			"The Clearwater Alliance criticised the plan. “Half of the water never reaches a tap,” the group said.",
			[]string{"direct|the group|said|Clearwater Alliance|“Half of the water never reaches a tap,”"}},
		{"a document names who issued it (P5b)",
			"The Ministry of Water Resources postponed the cuts, the ministry said in a statement. According to the statement, the reservoirs rose.",
			[]string{"indirect|the ministry|said in a statement|Ministry of Water Resources|The Ministry of Water Resources postponed the cuts",
				"indirect|the statement|According to|Ministry of Water Resources|the reservoirs rose"}},
		{"indirect that-clause", "Artyom Shraibman, a political analyst, said that Western sanctions had little impact.",
			[]string{"indirect|Artyom Shraibman, a political analyst,|said|Artyom Shraibman|that Western sanctions had little impact"}},
		{"according to", "According to the State Department, the talks will resume in May.",
			[]string{"indirect|the State Department|According to|State Department|the talks will resume in May"}},
		{"nominal source has no speaker", "Opposition activists say that more people were arrested.",
			[]string{"indirect|Opposition activists|say|group:Opposition activists|that more people were arrested"}},
		{"scare quotes are no claim", "The treaty would form a “state of the union” with Russia.", nil},
		{"speaker label", "PENCE: Well, look, we will win this debate.",
			[]string{"indirect|PENCE|:|PENCE|Well, look, we will win this debate"}},
		{"dropped opening mark (Q9)", "The widow spoke.\n\nThey are 100 percent wrong,” said Terry Strada, a widow.",
			[]string{"direct|Terry Strada, a widow|said|Terry Strada|They are 100 percent wrong,”"}},
		{"stop inside a parenthesis of the source", "“Romney was prepared,” Sen. Claire McCaskill (D-Mo.) said.",
			[]string{"direct|Sen. Claire McCaskill (D-Mo.)|said|Claire McCaskill|“Romney was prepared,”"}},
		{"participle opens the sentence (I11)", "Citing an unfounded conspiracy theory, Trump accused Rafael Cruz of associating with Oswald.",
			[]string{"indirect|Trump|Citing|Trump|an unfounded conspiracy theory",
				"indirect|Trump|accused|Trump|Rafael Cruz of associating with Oswald"}},
		{"as-clause before (I12)", "As many tax experts have pointed out, Mr. Trump is free to disclose his returns.",
			[]string{"indirect|many tax experts|have pointed out|group:many tax experts|Mr. Trump is free to disclose his returns"}},
		{"as-clause after (I12)", "It does not answer whether Scott had a gun, as police have said.",
			[]string{"indirect|police|have said|group:police|It does not answer whether Scott had a gun"}},
		{"partitive relative source (S2b)", "This has not gone over well with families of victims, many of whom say the claims are unfounded.",
			[]string{"indirect|many of whom|say|group:many of whom|the claims are unfounded"}},
		{"headline source (L1b)", "Poll: Wealthy Voters Abandon Republican Party.\n\nThe race is close.",
			[]string{"indirect|Poll|:|group:Poll|Wealthy Voters Abandon Republican Party"}},
		{"headline tag (L1b)", "The Latest: Trump Visits Detroit.\n\nThe race is close.", nil},
		{"editor's line (L1d)", "The race is close.\n\nCorrection: An earlier version of this article misstated the date.", nil},
		{"naming participle (C9)", "The program, called EB-5, allows foreign investors to gain citizenship.", nil},
		{"a statement reported before (I14)", "Trump made the comments Friday during a brief appearance in Detroit.", nil},
		{"gerund after a preposition (C2b)", "President Barack Obama responded to a mother on Wednesday by saying his refusal was a manufactured issue.",
			[]string{"indirect|President Barack Obama|saying|Barack Obama|his refusal was a manufactured issue"}},
		{"second subject and cue end a content", "Only 52 percent of voters agreed that Clinton is healthy, while 73 percent said the same of Trump.",
			[]string{"indirect|52 percent of voters|agreed|group:52 percent of voters|that Clinton is healthy",
				"indirect|73 percent|said|group:73 percent|the same of Trump"}},
		{"parenthetical reporting clause (C8)", "If this argument fails to persuade, Mr. Castañeda argues, there are other tools.",
			[]string{"indirect|Mr. Castañeda|argues|Castañeda|If this argument fails to persuade … there are other tools"}},
		{"a poll that opens the sentence (C1c)", "In the latest national poll, Clinton led Trump by 5 points.",
			[]string{"indirect|the latest national poll|In|group:the latest national poll|Clinton led Trump by 5 points"}},
		{"section title (L1e)", "The race is close.\n\nThe Gap Goes On: It was under his watch that the assembly grew.", nil},
		{"participle before a title in a source", "Clinton “is the only candidate to keep America safe,” retired Air Force general Lloyd Newton said.",
			[]string{"mixed|retired Air Force general Lloyd Newton|said|Lloyd Newton|Clinton “is the only candidate to keep America safe,”"}},
		{"a verb that introduces a quotation (C2c)", "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead?”",
			[]string{"direct|Hillary Clinton|asking|Hillary Clinton|“Why aren’t I 50 points ahead?”"}},
		{"a verb after a quotation and a name (C2d)", "“Why is this not proof that the bank is too big to fail?” Vitter demanded.",
			[]string{"direct|Vitter|demanded|Vitter|“Why is this not proof that the bank is too big to fail?”"}},
		{"an abbreviation's stop in a source", "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said.",
			[]string{"direct|Senate Majority Leader Mitch McConnell, R-Ky.,|said|Mitch McConnell|“Our assumption is that the veto will be overridden,”"}},
		{"catenative verb joins the cue (C3b)", "The Republican nominee continues to insist that he wants to release his taxes.",
			[]string{"indirect|The Republican nominee|continues to insist|group:The Republican nominee|that he wants to release his taxes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := extract.Parse(tt.text)
			var got []string
			for _, c := range claims.Attribute(doc) {
				got = append(got, brief(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Attribute(%q) =\n  %s\nwant\n  %s", tt.text, strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestAttributeSeedSpeakers checks the hard cases of the seed article named
// in the claims issue: each content prefix must get its speaker.
func TestAttributeSeedSpeakers(t *testing.T) {
	text, err := seeds.Text(seeds.Names()[0])
	if err != nil {
		t.Fatal(err)
	}
	cs := claims.Attribute(extract.Parse(text))
	want := []struct{ prefix, speaker string }{
		{"We are very grateful", "Franak Viacorka"},
		{"The previous pressure strategy", "Tatyana Khomich"},
		{"The United States “faces Russia", "Piotr Krawczyk"},
		{"Negotiation with Belarus", "Piotr Krawczyk"},
		{"Many Russian officials", "Artyom Shraibman"},
		{"that Western sanctions had little impact", "Artyom Shraibman"},
	}
	for _, w := range want {
		found := false
		for _, c := range cs {
			for _, s := range c.Content {
				if strings.HasPrefix(strings.TrimLeft(s.Text, "“"), w.prefix) {
					found = true
					if c.Speaker.Name != w.speaker {
						t.Errorf("claim %q: speaker %q, want %q", w.prefix, c.Speaker.Name, w.speaker)
					}
				}
			}
		}
		if !found {
			t.Errorf("no claim with content %q", w.prefix)
		}
	}
}

// checkInvariants checks what every Attribute result must satisfy: spans
// inside the text and exact, content spans ordered and not overlapping,
// claims in text order, valid indices.
func checkInvariants(t *testing.T, doc *extract.Document, cs []claims.Claim) {
	t.Helper()
	span := func(what string, s extract.Span) {
		if s.Start < 0 || s.End < s.Start || s.End > len(doc.Text) || doc.Text[s.Start:s.End] != s.Text {
			t.Fatalf("%s span [%d,%d) %q is not exact in a text of %d bytes", what, s.Start, s.End, s.Text, len(doc.Text))
		}
	}
	prev := -1
	for i, c := range cs {
		if len(c.Content) == 0 {
			t.Fatalf("claim %d has no content", i)
		}
		end := -1
		for _, s := range c.Content {
			span("content", s)
			if s.IsEmpty() || s.Start < end {
				t.Fatalf("claim %d: content spans empty, unordered or overlapping: %v", i, c.Content)
			}
			end = s.End
		}
		span("cue", c.Cue)
		span("source", c.Source)
		if c.Content[0].Start < prev {
			t.Fatalf("claim %d starts at %d, before claim %d", i, c.Content[0].Start, i-1)
		}
		prev = c.Content[0].Start
		sp := c.Speaker
		if sp.Person < -1 || sp.Person >= len(doc.People) || sp.Entity < -1 || sp.Entity >= len(doc.Entities) {
			t.Fatalf("claim %d: speaker %+v: person or entity out of range", i, sp)
		}
		if sp.Person >= 0 && (sp.Kind != claims.PersonSpeaker || sp.Name != doc.People[sp.Person].Name) {
			t.Fatalf("claim %d: speaker %+v is not person %d %q", i, sp, sp.Person, doc.People[sp.Person].Name)
		}
		if sp.Kind == claims.OrgSpeaker && sp.Entity >= 0 && (doc.Entities[sp.Entity].Label != extract.ORG || doc.Entities[sp.Entity].Text != sp.Name) {
			t.Fatalf("claim %d: organisation speaker %+v is not its entity %+v", i, sp, doc.Entities[sp.Entity])
		}
		if (sp.Kind == claims.UnknownSpeaker) != (sp.Name == "") {
			t.Fatalf("claim %d: speaker %+v: a name without a kind or a kind without a name", i, sp)
		}
		if c.Source.IsEmpty() != (sp.Rule == claims.NoRule) {
			t.Fatalf("claim %d: source %q but speaker rule %q", i, c.Source.Text, sp.Rule)
		}
		if c.Rule == claims.NoRule {
			t.Fatalf("claim %d: no rule made it", i)
		}
		if c.Confidence < 0 || c.Confidence > 1 {
			t.Fatalf("claim %d: confidence %v", i, c.Confidence)
		}
		if len(doc.Sentences) > 0 && (c.Sentence < 0 || c.Sentence >= len(doc.Sentences) || c.Paragraph != doc.Sentences[c.Sentence].Paragraph) {
			t.Fatalf("claim %d: sentence %d / paragraph %d invalid", i, c.Sentence, c.Paragraph)
		}
	}
}

// inputs are the texts the invariant, fuzz and benchmark code share: the
// seed articles, the hand gold documents of corpus/testdata and edge cases.
func inputs(t testing.TB) map[string]string {
	m := map[string]string{
		"empty":            "",
		"marks only":       "“ ” “ \" ' ‘ ’ « » „",
		"invalid utf8":     "He said “\xff\xfe bad bytes,” and \x80 left.",
		"unbalanced":       "“One. “Two. ”Three” four “five.\n\n“Six",
		"colon only":       ":\n:\n\"A:",
		"capitals":         "“WE WILL WIN,” SAID THE MAYOR. THE MAYOR SAID THAT HE WOULD WIN.",
		"no punctuation":   "he said that we would win she said they told him that it was over according to them",
		"nested":           "“He told me ‘never’ and “again” twice,” she said.",
		"multi-paragraph":  "“First.\n\n“Second.\n\n“Third,” he said.",
		"dash attribution": "“We are tired.” ― Sonya Herridge\n“Us too.”― Carla Sanchez.",
	}
	for _, name := range seeds.Names() {
		text, err := seeds.Text(name)
		if err != nil {
			t.Fatal(err)
		}
		m["seed:"+name] = text
	}
	files, _ := filepath.Glob(filepath.Join("..", "corpus", "testdata", "gold", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m["gold:"+filepath.Base(f)] = string(b)
	}
	return m
}

func TestAttributeInvariants(t *testing.T) {
	for name, text := range inputs(t) {
		t.Run(name, func(t *testing.T) {
			doc := extract.Parse(text)
			checkInvariants(t, doc, claims.Attribute(doc))
			// Without entities the capitalised-name fallback runs.
			bare, err := extract.New(extract.WithNER(extract.NERNone))
			if err != nil {
				t.Fatal(err)
			}
			doc = bare.Extract(text)
			checkInvariants(t, doc, claims.Attribute(doc))
		})
	}
}

func TestAttributeNil(t *testing.T) {
	if got := claims.Attribute(nil); got != nil {
		t.Errorf("Attribute(nil) = %v, want nil", got)
	}
	if got := claims.Attribute(&extract.Document{}); got != nil {
		t.Errorf("Attribute(empty) = %v, want nil", got)
	}
}

func TestNewOptions(t *testing.T) {
	if _, err := claims.New(claims.WithMinCueProb(2)); err == nil {
		t.Error("New(WithMinCueProb(2)) succeeded, want an error")
	}
	a, err := claims.New(claims.WithCueThreshold(5))
	if err != nil {
		t.Fatal(err)
	}
	strict := a.Attribute(extract.Parse("Officials said that the bridge would reopen. He thinks it is fine."))
	loose := claims.Attribute(extract.Parse("Officials said that the bridge would reopen. He thinks it is fine."))
	if len(strict) > len(loose) {
		t.Errorf("a higher cue threshold gave more claims (%d) than the default (%d)", len(strict), len(loose))
	}
}

// TestAttributeConcurrent runs one Attributor from many goroutines on two
// documents in turn (run it with -race): the Attributor recycles its
// buffers between calls, so every result must equal the one of a lone
// call on the same document.
func TestAttributeConcurrent(t *testing.T) {
	text, err := seeds.Text(seeds.Names()[0])
	if err != nil {
		t.Fatal(err)
	}
	docs := []*extract.Document{
		extract.Parse(text),
		extract.Parse("“The plan has failed,” said Maria Lopez. Opposition activists say that more people were arrested."),
	}
	var want [2][]string
	for k, d := range docs {
		for _, c := range claims.Attribute(d) {
			want[k] = append(want[k], brief(c))
		}
	}
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for r := 0; r < 6; r++ {
				k := (g + r) % 2
				var got []string
				for _, c := range claims.Attribute(docs[k]) {
					got = append(got, brief(c))
				}
				if strings.Join(got, "\n") != strings.Join(want[k], "\n") {
					errs <- "document " + string(rune('0'+k)) + ": claims differ from a lone call:\n" + strings.Join(got, "\n")
					return
				}
			}
			errs <- ""
		}()
	}
	for g := 0; g < 8; g++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
