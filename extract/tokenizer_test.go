package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tok is an expected token: byte offset, text (the end offset is
// start+len(text)) and kind.
type tok struct {
	start int
	text  string
	kind  TokenKind
}

func (t tok) String() string { return fmt.Sprintf("%s@%d%q", t.kind, t.start, t.text) }

func toks(text string) []tok {
	var got []tok
	for t := range Tokens(text) {
		got = append(got, tok{t.Start, t.Text, t.Kind})
	}
	return got
}

// tokenizerTests cover every token category and the hard spots of the seed
// article. Offsets are byte offsets.
var tokenizerTests = []struct {
	name string
	in   string
	want []tok
}{
	{"titles", "Mr. Smith met Ms. Khomich, Mrs. Rice and Dr. Who.", []tok{{0, "Mr.", Abbrev}, {4, "Smith", Word}, {10, "met", Word}, {14, "Ms.", Abbrev}, {18, "Khomich", Word}, {25, ",", Punct}, {27, "Mrs.", Abbrev}, {32, "Rice", Word}, {37, "and", Word}, {41, "Dr.", Abbrev}, {45, "Who", Word}, {48, ".", Punct}}},
	{"more titles and a street saint", "Gen. Lee, Sen. Paul, Rep. King, Gov. Brown and St. Petersburg", []tok{{0, "Gen.", Abbrev}, {5, "Lee", Word}, {8, ",", Punct}, {10, "Sen.", Abbrev}, {15, "Paul", Word}, {19, ",", Punct}, {21, "Rep.", Abbrev}, {26, "King", Word}, {30, ",", Punct}, {32, "Gov.", Abbrev}, {37, "Brown", Word}, {43, "and", Word}, {47, "St.", Abbrev}, {51, "Petersburg", Word}}},
	{"months times and dotted abbreviations", "on Jan. 5 and Sept. 11, at 3:30 p.m. in the U.S. and U.K. at the U.N.", []tok{{0, "on", Word}, {3, "Jan.", Abbrev}, {8, "5", Number}, {10, "and", Word}, {14, "Sept.", Abbrev}, {20, "11", Number}, {22, ",", Punct}, {24, "at", Word}, {27, "3:30", Number}, {32, "p.m.", Abbrev}, {37, "in", Word}, {40, "the", Word}, {44, "U.S.", Abbrev}, {49, "and", Word}, {53, "U.K.", Abbrev}, {58, "at", Word}, {61, "the", Word}, {65, "U.N.", Abbrev}}},
	{"company suffixes and Jr", "Apple Inc. and Acme Corp. hired Martin Luther King Jr. today", []tok{{0, "Apple", Word}, {6, "Inc.", Abbrev}, {11, "and", Word}, {15, "Acme", Word}, {20, "Corp.", Abbrev}, {26, "hired", Word}, {32, "Martin", Word}, {39, "Luther", Word}, {46, "King", Word}, {51, "Jr.", Abbrev}, {55, "today", Word}}},
	{"initials in names", "President Aleksandr G. Lukashenko, Christopher W. Smith and Vladimir V. Putin", []tok{{0, "President", Word}, {10, "Aleksandr", Word}, {20, "G.", Abbrev}, {23, "Lukashenko", Word}, {33, ",", Punct}, {35, "Christopher", Word}, {47, "W.", Abbrev}, {50, "Smith", Word}, {56, "and", Word}, {60, "Vladimir", Word}, {69, "V.", Abbrev}, {72, "Putin", Word}}},
	{"clitics and apostrophes", "Washington’s departure, Russia's grip, don’t, can't, I'm, they’re, we've, O’Brien", []tok{{0, "Washington", Word}, {10, "’s", Word}, {15, "departure", Word}, {24, ",", Punct}, {26, "Russia", Word}, {32, "'s", Word}, {35, "grip", Word}, {39, ",", Punct}, {41, "do", Word}, {43, "n’t", Word}, {48, ",", Punct}, {50, "ca", Word}, {52, "n't", Word}, {55, ",", Punct}, {57, "I", Word}, {58, "'m", Word}, {60, ",", Punct}, {62, "they", Word}, {66, "’re", Word}, {71, ",", Punct}, {73, "we", Word}, {75, "'ve", Word}, {78, ",", Punct}, {80, "O’Brien", Word}}},
	{"possessive apostrophes and elisions", "the 1990s’ music, students' union, rock ’n’ roll, the ’90s", []tok{{0, "the", Word}, {4, "1990s", Number}, {9, "’", Word}, {13, "music", Word}, {18, ",", Punct}, {20, "students", Word}, {28, "'", Word}, {30, "union", Word}, {35, ",", Punct}, {37, "rock", Word}, {42, "’n’", Word}, {50, "roll", Word}, {54, ",", Punct}, {56, "the", Word}, {60, "’90s", Number}}},
	{"single quotes close before apostrophes", "he said ‘no’ and ‘they’re fine’", []tok{{0, "he", Word}, {3, "said", Word}, {8, "‘", QuoteOpen}, {11, "no", Word}, {13, "’", QuoteClose}, {17, "and", Word}, {21, "‘", QuoteOpen}, {24, "they", Word}, {28, "’re", Word}, {34, "fine", Word}, {38, "’", QuoteClose}}},
	{"curly and angle quotes", "“Hello,” she said. «Bonjour» and ‹oui› or „Hallo“", []tok{{0, "“", QuoteOpen}, {3, "Hello", Word}, {8, ",", Punct}, {9, "”", QuoteClose}, {13, "she", Word}, {17, "said", Word}, {21, ".", Punct}, {23, "«", QuoteOpen}, {25, "Bonjour", Word}, {32, "»", QuoteClose}, {35, "and", Word}, {39, "‹", QuoteOpen}, {42, "oui", Word}, {45, "›", QuoteClose}, {49, "or", Word}, {52, "„", QuoteOpen}, {55, "Hallo", Word}, {60, "“", QuoteOpen}}},
	{"straight quotes by context", "\"Yes,\" he said \"no\" and 'maybe' it's a\"b", []tok{{0, "\"", QuoteOpen}, {1, "Yes", Word}, {4, ",", Punct}, {5, "\"", QuoteClose}, {7, "he", Word}, {10, "said", Word}, {15, "\"", QuoteOpen}, {16, "no", Word}, {18, "\"", QuoteClose}, {20, "and", Word}, {24, "'", QuoteOpen}, {25, "maybe", Word}, {30, "'", QuoteClose}, {32, "it", Word}, {34, "'s", Word}, {37, "a", Word}, {38, "\"", QuoteAmbiguous}, {39, "b", Word}}},
	{"en and em dashes", "prisoners – an American – and — more", []tok{{0, "prisoners", Word}, {10, "–", Dash}, {14, "an", Word}, {17, "American", Word}, {26, "–", Dash}, {30, "and", Word}, {34, "—", Dash}, {38, "more", Word}}},
	{"numbers", "1,226 people, 87% of votes, $4.5 billion, 1990s, 2020-21, 3:30, 4.5%, 2nd, 24/7", []tok{{0, "1,226", Number}, {6, "people", Word}, {12, ",", Punct}, {14, "87", Number}, {16, "%", Symbol}, {18, "of", Word}, {21, "votes", Word}, {26, ",", Punct}, {28, "$", Symbol}, {29, "4.5", Number}, {33, "billion", Word}, {40, ",", Punct}, {42, "1990s", Number}, {47, ",", Punct}, {49, "2020", Number}, {53, "-", Hyphen}, {54, "21", Number}, {56, ",", Punct}, {58, "3:30", Number}, {62, ",", Punct}, {64, "4.5", Number}, {67, "%", Symbol}, {68, ",", Punct}, {70, "2nd", Number}, {73, ",", Punct}, {75, "24/7", Number}}},
	{"urls emails handles hashtags", "see https://example.com/a?b=1. Or www.nytimes.com, mail press@example.org @SayWho #Belarus", []tok{{0, "see", Word}, {4, "https://example.com/a?b=1", URL}, {29, ".", Punct}, {31, "Or", Word}, {34, "www.nytimes.com", URL}, {49, ",", Punct}, {51, "mail", Word}, {56, "press@example.org", Email}, {74, "@SayWho", Handle}, {82, "#Belarus", Hashtag}}},
	{"hyphens split, prefixes kept, stray dashes", "well-known non-resident, non -resident, large -scale, decision -makers, U.S.-led", []tok{{0, "well", Word}, {4, "-", Hyphen}, {5, "known", Word}, {11, "non-resident", Word}, {23, ",", Punct}, {25, "non", Word}, {29, "-", Dash}, {30, "resident", Word}, {38, ",", Punct}, {40, "large", Word}, {46, "-", Dash}, {47, "scale", Word}, {52, ",", Punct}, {54, "decision", Word}, {63, "-", Dash}, {64, "makers", Word}, {70, ",", Punct}, {72, "U.S.", Abbrev}, {76, "-", Hyphen}, {77, "led", Word}}},
	{"hyphen prefixes and codes", "e-mail, co-founder, Anti-Trump, pre-war-era, 713-853-3989, 646-8420, 12-20-2000, 13-17, press-office@example.org", []tok{{0, "e-mail", Word}, {6, ",", Punct}, {8, "co-founder", Word}, {18, ",", Punct}, {20, "Anti-Trump", Word}, {30, ",", Punct}, {32, "pre-war", Word}, {39, "-", Hyphen}, {40, "era", Word}, {43, ",", Punct}, {45, "713-853-3989", Number}, {57, ",", Punct}, {59, "646-8420", Number}, {67, ",", Punct}, {69, "12-20-2000", Number}, {79, ",", Punct}, {81, "13", Number}, {83, "-", Hyphen}, {84, "17", Number}, {86, ",", Punct}, {88, "press-office@example.org", Email}}},
	{"contractions without apostrophes", "dont DIDNT cannot gonna wanna im ive Im Ive its", []tok{{0, "do", Word}, {2, "nt", Word}, {5, "DID", Word}, {8, "NT", Word}, {11, "can", Word}, {14, "not", Word}, {18, "gon", Word}, {21, "na", Word}, {24, "wan", Word}, {27, "na", Word}, {30, "i", Word}, {31, "m", Word}, {33, "i", Word}, {34, "ve", Word}, {37, "Im", Word}, {40, "Ive", Word}, {44, "its", Word}}},
	{"emoticons", "great:) ok :-( ;) =D :P no :Dear ftp://x", []tok{{0, "great", Word}, {5, ":)", Symbol}, {8, "ok", Word}, {11, ":-(", Symbol}, {15, ";)", Symbol}, {18, "=D", Symbol}, {21, ":P", Symbol}, {24, "no", Word}, {27, ":", Punct}, {28, "Dear", Word}, {33, "ftp", Word}, {36, ":", Punct}, {37, "/", Symbol}, {38, "/", Symbol}, {39, "x", Word}}},
	{"symbol runs", "*** ==== $$$ << >> A++ ----== __ $4", []tok{{0, "***", Symbol}, {4, "====", Symbol}, {9, "$$$", Symbol}, {13, "<<", Symbol}, {16, ">>", Symbol}, {19, "A", Word}, {20, "++", Symbol}, {23, "----==", Dash}, {30, "__", Symbol}, {33, "$", Symbol}, {34, "4", Number}}},
	{"mixed terminator runs", "what.? no!. yes...?", []tok{{0, "what", Word}, {4, ".?", Punct}, {7, "no", Word}, {9, "!.", Punct}, {12, "yes", Word}, {15, "...?", Punct}}},
	{"file names and underscores", "see Lisa_resume.doc and API.PDF, end.Doc", []tok{{0, "see", Word}, {4, "Lisa_resume.doc", Word}, {20, "and", Word}, {24, "API.PDF", Word}, {31, ",", Punct}, {33, "end", Word}, {36, ".", Punct}, {37, "Doc", Word}}},
	{"missing space kept as one word", "BélarusPut their number", []tok{{0, "BélarusPut", Word}, {12, "their", Word}, {18, "number", Word}}},
	{"invalid utf8 runs", "bad \xff\xfe bytes \xe2\x80 end", []tok{{0, "bad", Word}, {4, "\xff\xfe", Invalid}, {7, "bytes", Word}, {13, "\xe2\x80", Invalid}, {16, "end", Word}}},
	{"space before closing mark", "happen . ” But", []tok{{0, "happen", Word}, {7, ".", Punct}, {9, "”", QuoteClose}, {13, "But", Word}}},
	{"opening mark at paragraph end", "the country. “\n", []tok{{0, "the", Word}, {4, "country", Word}, {11, ".", Punct}, {13, "“", QuoteOpen}}},
	{"ellipses and terminator runs", "Wait... what?! Really…", []tok{{0, "Wait", Word}, {4, "...", Punct}, {8, "what", Word}, {12, "?!", Punct}, {15, "Really", Word}, {21, "…", Punct}}},
	{"ampersands and latin abbreviations", "AT&T and S&P, e.g. this, i.e. that, Ph.D. etc.", []tok{{0, "AT&T", Word}, {5, "and", Word}, {9, "S&P", Word}, {12, ",", Punct}, {14, "e.g.", Abbrev}, {19, "this", Word}, {23, ",", Punct}, {25, "i.e.", Abbrev}, {30, "that", Word}, {34, ",", Punct}, {36, "Ph.D.", Abbrev}, {42, "etc.", Abbrev}}},
	{"number prefix only before a number", "No. 5 and said no.", []tok{{0, "No.", Abbrev}, {4, "5", Number}, {6, "and", Word}, {10, "said", Word}, {15, "no", Word}, {17, ".", Punct}}},
	{"missing space after period", "end.The next", []tok{{0, "end", Word}, {3, ".", Punct}, {4, "The", Word}, {8, "next", Word}}},
	{"currency and other symbols", "€20 or £5 ≥ ☺ x", []tok{{0, "€", Symbol}, {3, "20", Number}, {6, "or", Word}, {9, "£", Symbol}, {11, "5", Number}, {13, "≥", Symbol}, {17, "☺", Symbol}, {21, "x", Word}}},
	{"empty", "", nil},
	{"only white space", " \t\n\u00a0\u2028 ", nil},
	{"seed paragraph end after a spaced mark", "the EU ”\nA", []tok{{0, "the", Word}, {4, "EU", Word}, {7, "”", QuoteClose}, {11, "A", Word}}},
	{"stray n lines", "n\nThe", []tok{{0, "n", Word}, {2, "The", Word}}},
	{"all caps clitic", "DON'T", []tok{{0, "DO", Word}, {2, "N'T", Word}}},
	{"n't alone", "n’t", []tok{{0, "n’t", Word}}},
	{"open single quote wins over possessive, then possessive", "‘Jesus’ words’", []tok{{0, "‘", QuoteOpen}, {3, "Jesus", Word}, {8, "’", QuoteClose}, {12, "words", Word}, {17, "’", Word}}},
	{"single quote state ends at line break", "‘a\nJesus’ b", []tok{{0, "‘", QuoteOpen}, {3, "a", Word}, {5, "Jesus", Word}, {10, "’", Word}, {14, "b", Word}}},
	{"url with parens and trailing paren", "(http://en.wikipedia.org/wiki/A_(b)) x", []tok{{0, "(", Punct}, {1, "http://en.wikipedia.org/wiki/A_(b))", URL}, {37, "x", Word}}},
	{"url closing paren", "(see http://x.org/a).", []tok{{0, "(", Punct}, {1, "see", Word}, {5, "http://x.org/a", URL}, {19, ")", Punct}, {20, ".", Punct}}},
	{"bare domain", "on nytimes.com.", []tok{{0, "on", Word}, {3, "nytimes.com", URL}, {14, ".", Punct}}},
	{"email with dots", "j.smith@mail.example.com.", []tok{{0, "j.smith@mail.example.com", Email}, {24, ".", Punct}}},
	{"at without handle", "a @ b", []tok{{0, "a", Word}, {2, "@", Symbol}, {4, "b", Word}}},
	{"hash number is not a hashtag", "#1 seller", []tok{{0, "#", Symbol}, {1, "1", Number}, {3, "seller", Word}}},
	{"unicode hyphen splits like the ASCII one", "well‐known non‐human", []tok{{0, "well", Word}, {4, "‐", Hyphen}, {7, "known", Word}, {13, "non‐human", Word}}},
	{"number words", "4-year-old 5G 10am COVID-19", []tok{{0, "4", Number}, {1, "-", Hyphen}, {2, "year", Word}, {6, "-", Hyphen}, {7, "old", Word}, {11, "5G", Word}, {14, "10am", Number}, {19, "COVID", Word}, {24, "-", Hyphen}, {25, "19", Number}}},
	{"non ascii initial", "Đ. Kovač", []tok{{0, "Đ.", Abbrev}, {4, "Kovač", Word}}},
	{"lower-case single letter is not an initial", "plan b.", []tok{{0, "plan", Word}, {5, "b", Word}, {6, ".", Punct}}},
	{"capital-only abbreviation", "to miss. Miss. Kay", []tok{{0, "to", Word}, {3, "miss", Word}, {7, ".", Punct}, {9, "Miss.", Abbrev}, {15, "Kay", Word}}},
	{"ellipsis after abbreviation", "etc...", []tok{{0, "etc", Word}, {3, "...", Punct}}},
	{"decade elision straight", "the '90s", []tok{{0, "the", Word}, {4, "'90s", Number}}},
	{"combining marks stay in the word", "Bele\u0301n", []tok{{0, "Bele\u0301n", Word}}},
	{"nbsp separates", "5\u00a0000", []tok{{0, "5", Number}, {3, "000", Number}}},
	{"control bytes are symbols", "a\x00b", []tok{{0, "a", Word}, {1, "\x00", Symbol}, {2, "b", Word}}},
}

func TestTokens(t *testing.T) {
	for _, tt := range tokenizerTests {
		t.Run(tt.name, func(t *testing.T) {
			got := toks(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q) =\n  %v\nwant\n  %v", tt.in, got, tt.want)
			}
			for _, g := range got {
				if tt.in[g.start:g.start+len(g.text)] != g.text {
					t.Errorf("Tokens(%q): token %v does not match the text at its offset", tt.in, g)
				}
			}
		})
	}
}

// TestTokenizerCursor checks the cursor contract: zero value, Reset,
// reuse, and that Token().Text aliases the input.
func TestTokenizerCursor(t *testing.T) {
	var z Tokenizer
	assert.False(t, z.Next(), "zero Tokenizer yields nothing")
	assert.Equal(t, Token{}, z.Token())

	const text = "Mr. Smith said: “Yes.”"
	var tz Tokenizer
	for range 2 { // Reset makes a used cursor start over
		tz.Reset(text)
		var got []string
		for tz.Next() {
			tk := tz.Token()
			require.Equal(t, text[tk.Start:tk.End], tk.Text)
			require.Equal(t, tk.Text, tz.Text())
			got = append(got, tk.Text)
		}
		assert.Equal(t, []string{"Mr.", "Smith", "said", ":", "“", "Yes", ".", "”"}, got)
		assert.False(t, tz.Next(), "Next after the end stays false")
	}
	tz.Reset("")
	assert.False(t, tz.Next())
}

func TestTokensSeqStopsEarly(t *testing.T) {
	n := 0
	for tk := range Tokens("a b c d") {
		n++
		if tk.Text == "b" {
			break
		}
	}
	assert.Equal(t, 2, n)
}

func TestTokensNoCopy(t *testing.T) {
	text := strings.Repeat("Mr. O’Brien’s 1,226 “votes” — ", 3)
	for tk := range Tokens(text) {
		// A substring shares the text's memory: its data pointer lies
		// inside the text.
		require.True(t, strings.Contains(text, tk.Text))
		require.Equal(t, text[tk.Start:tk.End], tk.Text)
	}
}

// TestTokenizeAllocs asserts the hot path does not allocate: tokenizing
// into a slice with room, or walking the cursor.
func TestTokenizeAllocs(t *testing.T) {
	text := strings.Repeat("Mr. Lukashenko’s aide said: “We won 87% of 1,226 votes in the U.S.” — www.example.com ", 20)
	buf := make([]Token, 0, len(text))
	allocs := testing.AllocsPerRun(50, func() {
		buf = appendTokens(buf[:0], text)
	})
	assert.Zero(t, allocs, "appendTokens into a slice with room")
	var tz Tokenizer
	allocs = testing.AllocsPerRun(50, func() {
		tz.Reset(text)
		for tz.Next() {
		}
	})
	assert.Zero(t, allocs, "Tokenizer.Next")
}

func TestTokenKindString(t *testing.T) {
	assert.Equal(t, "QuoteOpen", QuoteOpen.String())
	assert.Equal(t, "TokenKind(99)", TokenKind(99).String())
}

// TestTokenizeLinear guards against quadratic rescans (found by FuzzParse):
// 200 kB of a repeated unit must tokenize and segment well under a second
// each; a quadratic path takes tens of seconds here. The bound is loose so
// that a loaded machine does not fail it.
func TestTokenizeLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow pathological inputs; skipped under -short")
	}
	for _, unit := range []string{
		"a.", "a_", "ab.", "a.b", "a@", "a+", "a%", "1.", "1,", "1:", ".", "’", "'", "“", "a’", "n’",
		"-", "a-", "http://x", "#a", "@a", "U.S.", "“.", ". ”", "\xff", "é.", "Mr. ", "ab.cd@", "a.b.c@d",
	} {
		text := strings.Repeat(unit, 200000/len(unit))
		start := time.Now()
		d := tokenizeSegment(text)
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("tokenizeSegment(%q × %d) took %v for %d tokens", unit, len(text)/len(unit), el, len(d.Tokens))
		}
	}
}
