package claims_test

import (
	"strings"
	"testing"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// TestPatterns checks the general patterns of issue 10 on sentences
// written for this test (none is taken from PolNeAR or another corpus).
// Each want line is brief(claim): kind|source|cue|speaker|content … content.
func TestPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		text    string
		want    []string
	}{
		// A quotation interrupted by its cue keeps both halves (D1c).
		{"interrupted quotation", "“The bridge will reopen,” the mayor said, “but not before the spring.”",
			[]string{"direct|the mayor|said|group:the mayor|“The bridge will reopen,” … “but not before the spring.”"}},
		{"interrupted quotation, inverted cue and appositive", "“We are tired,” said Ana Ruiz, a teacher at the school, “and we want answers.”",
			[]string{"direct|Ana Ruiz, a teacher at the school|said|Ana Ruiz|“We are tired,” … “and we want answers.”"}},
		// A speaker after the quotation, inverted, any speech verb, then an
		// appositive (D1v).
		{"inverted: insisted", "“We cannot wait any longer,” insisted Paulo Mendes, the union’s chief negotiator.",
			[]string{"direct|Paulo Mendes, the union’s chief negotiator|insisted|Paulo Mendes|“We cannot wait any longer,”"}},
		{"inverted: complained", "“Nobody told us anything,” complained Ines Duarte, a shopkeeper in the old town.",
			[]string{"direct|Ines Duarte, a shopkeeper in the old town|complained|Ines Duarte|“Nobody told us anything,”"}},
		{"inverted: recalled", "“It was a different city then,” recalled Marek Nowak, a retired tram driver.",
			[]string{"direct|Marek Nowak, a retired tram driver|recalled|Marek Nowak|“It was a different city then,”"}},
		{"inverted: conceded", "“The numbers do not add up,” conceded Sofia Lindqvist, the finance director.",
			[]string{"direct|Sofia Lindqvist, the finance director|conceded|Sofia Lindqvist|“The numbers do not add up,”"}},
		{"inverted, then a time word", "“We will appeal,” said Omar Haddad, a lawyer for the families, on Thursday.",
			[]string{"direct|Omar Haddad, a lawyer for the families|said|Omar Haddad|“We will appeal,”"}},
		{"inverted, then an adjunct", "“I was never consulted,” wrote Clara Moss, the former head of the agency, in a letter.",
			[]string{"direct|Clara Moss, the former head of the agency|wrote|Clara Moss|“I was never consulted,”"}},
		{"dash and name after the quotation, one per line",
			"“He is a bully.” ― Veronica Cruz\n“I would rather live elsewhere.” ― Adriana Rodarte",
			[]string{"direct|Veronica Cruz|―|Veronica Cruz|“He is a bully.”", "direct|Adriana Rodarte|―|Adriana Rodarte|“I would rather live elsewhere.”"}},
		// A content clause, then its source as an appositive chain and a
		// time word (S3c, I3, S7).
		{"clause, appositive chain, time word", "The plant will close next year, Karl Hesse, the company’s chief executive, said on Tuesday.",
			[]string{"indirect|Karl Hesse, the company’s chief executive,|said|Karl Hesse|The plant will close next year"}},
		{"clause, addressee and time word", "Prices will keep rising, Lena Vogt, an economist at the central bank, told reporters on Friday.",
			[]string{"indirect|Lena Vogt, an economist at the central bank,|told|Lena Vogt|Prices will keep rising"}},
		{"clause, inverted appositive chain, time word", "The plant will close next year, said Karl Hesse, the company’s chief executive, on Tuesday.",
			[]string{"indirect|Karl Hesse, the company’s chief executive|said|Karl Hesse|The plant will close next year"}},
		// Label paragraphs "Name, Outlet: “…”" and transcript labels (L1f,
		// L1).
		{"name and outlet label", "Rosa Klein, The Daily Ledger: “The council has lost the public’s trust.”",
			[]string{"direct|Rosa Klein, The Daily Ledger|:|Rosa Klein|“The council has lost the public’s trust.”"}},
		{"name label and a quotation", "Tomas Berg: “We were not good enough.”",
			[]string{"direct|Tomas Berg|:|Tomas Berg|“We were not good enough.”"}},
		{"transcript label in capitals", "Greta Keller chaired the hearing.\n\nKELLER: Thank you. Let me start with the budget.",
			[]string{"indirect|KELLER|:|Greta Keller|Thank you. Let me start with the budget"}},
		// A colon after a clause whose subject is the speaker (D3b, and
		// the cue-end ranker's "put it simply:").
		{"colon after a short clause", "Ms. Okafor was blunt: “There will be no more delays.”",
			[]string{"direct|Ms. Okafor|was blunt:|Okafor|“There will be no more delays.”"}},
		{"colon after a clause, an indefinite speaker", "The fans were angry. Another was blunter: “Sack them all.”",
			[]string{"direct|Another|was blunter:|group:Another|“Sack them all.”"}},
		{"colon after a clause with a cue", "Ms. Halloran put it simply: “We failed our supporters.”",
			[]string{"direct|Ms. Halloran|put it simply:|Halloran|“We failed our supporters.”"}},
		{"a clause whose subject says nothing", "The rule was simple: “No phones at the table.”", nil},
		// Datelines are never sources or content (S5).
		{"dateline, agency", "LISBON (Reuters) - The strike will end on Monday, union leaders said.",
			[]string{"indirect|union leaders|said|group:union leaders|The strike will end on Monday"}},
		{"dateline before the source", "ROTTERDAM (AP) — The port authority said the strike had cost 40 million euros.",
			[]string{"indirect|The port authority|said|group:The port authority|the strike had cost 40 million euros"}},
		{"dateline before a quotation", "BRANFORD — “We are ready,” the mayor said.",
			[]string{"direct|the mayor|said|group:the mayor|“We are ready,”"}},
		// Any verb after a quotation whose subject, in the parse, is all
		// that stands between the mark and the verb (D1s).
		{"verb unknown to the lexicon after the quotation", "“Nobody will go hungry this winter,” a tired Greta Holm retorted.",
			[]string{"direct|a tired Greta Holm|retorted|Greta Holm|“Nobody will go hungry this winter,”"}},
		{"verb after the quotation, then an adjunct", "“Nobody asked us!” one angry voice shouted from the back of the hall.",
			[]string{"direct|one angry voice|shouted|group:one angry voice|“Nobody asked us!”"}},
		// A verb that "by saying" explains is no cue; the gerund is (C2e).
		{"a verb explained by a gerund", "The minister answered a farmer on Friday by saying the subsidy would stay.",
			[]string{"indirect|The minister|saying|group:The minister|the subsidy would stay"}},
		// Scare quotes and titles are not claims (D5).
		{"title", "The film “Silent River” opened on Friday to large crowds.", nil},
		{"scare quotes", "The so-called “reform” cut pensions by a third.", nil},
		{"title in apposition", "Her first novel, “The Long Road,” sold ten thousand copies.", nil},
		// Narrative event verbs are not cues.
		{"rose, flooded", "The river rose two metres overnight and flooded the square.", nil},
		{"arrested", "Police arrested three men on Sunday after a chase through the harbour.", nil},
		{"won", "The team won the cup for the first time since 1998.", nil},
		{"visited, met", "The minister visited the flooded villages on Monday and met families.", nil},
		{"opened", "The company opened a second factory in Porto last year.", nil},
		{"battled", "Firefighters battled the blaze for six hours before it was contained.", nil},
		{"walked out, left", "The senator walked out of the chamber and left the building.", nil},
		{"fell, recovered", "Prices fell sharply after the announcement, and shares recovered later.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
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
