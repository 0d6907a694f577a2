package extract

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/saywho/saywho/seeds"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Invariants checked by every test here: Document.Validate passes after
// clustering (Entity.Person and Person.Mentions point at each other, the
// Description span is a slice of the text), mentions are in text order and
// people are in order of first mention.

// tokenize runs the real tokenizer and segmenter without a recognizer.
func tokenize(t testing.TB, text string) *Document {
	t.Helper()
	x, err := New(WithNER(NERNone))
	require.NoError(t, err)
	return x.Extract(text)
}

// setEntity adds a PERSON entity over the tokens that cover [start, end)
// unless it overlaps one already there, and keeps Entities sorted.
func setEntity(d *Document, start, end int, label Label) bool {
	lo, hi := d.TokenAt(start), d.TokenAt(end-1)
	if lo < 0 || hi < 0 {
		return false
	}
	e := Entity{Span: d.TokenSpan(Range{lo, hi + 1}), Tokens: Range{lo, hi + 1}, Label: label, Person: -1}
	for _, o := range d.Entities {
		if o.Overlaps(e.Span) {
			return false
		}
	}
	d.Entities = append(d.Entities, e)
	sort.Slice(d.Entities, func(i, j int) bool { return d.Entities[i].Start < d.Entities[j].Start })
	return true
}

// personDoc tokenizes text and marks every whole-word occurrence of each
// name as a PERSON entity, longer names first, then clusters the people.
func personDoc(t *testing.T, text string, names ...string) *Document {
	t.Helper()
	d := tokenize(t, text)
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			start := off + i
			off = start + len(n)
			if start > 0 && isWordByte(text[start-1]) || off < len(text) && isWordByte(text[off]) {
				continue
			}
			setEntity(d, start, off, PER)
		}
	}
	d.People = clusterPeople(d)
	require.NoError(t, d.Validate())
	checkPeopleOrder(t, d)
	return d
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// checkPeopleOrder checks that mentions are sorted and people are in order
// of first mention.
func checkPeopleOrder(t *testing.T, d *Document) {
	t.Helper()
	prevFirst := -1
	for i, p := range d.People {
		require.NotEmpty(t, p.Mentions, "person %d %q has no mentions", i, p.Name)
		assert.True(t, sort.IntsAreSorted(p.Mentions), "person %q mentions %v not in text order", p.Name, p.Mentions)
		assert.Greater(t, p.Mentions[0], prevFirst, "person %q out of first-mention order", p.Name)
		prevFirst = p.Mentions[0]
	}
}

// summary is what a people test compares.
type summary struct {
	Name        string
	Mentions    []string
	Titles      []string
	Gender      Gender
	Description string
}

func summarize(d *Document) []summary {
	var out []summary
	for _, p := range d.People {
		s := summary{Name: p.Name, Titles: p.Titles, Gender: p.Gender, Description: p.Description.Text}
		for _, m := range p.Mentions {
			s.Mentions = append(s.Mentions, d.Entities[m].Text)
		}
		out = append(out, s)
	}
	return out
}

func TestPeopleCluster(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		want     []summary
	}{
		{
			name:     "full name, honorific, bare last name",
			text:     "President Aleksandr G. Lukashenko met envoys. It was the first meeting of Mr. Lukashenko in years. Lukashenko smiled.",
			mentions: []string{"Aleksandr G. Lukashenko", "Lukashenko"},
			want: []summary{{
				Name:     "Aleksandr G. Lukashenko",
				Mentions: []string{"Aleksandr G. Lukashenko", "Lukashenko", "Lukashenko"},
				Titles:   []string{"President", "Mr."},
				Gender:   Male,
			}},
		},
		{
			name:     "short form first, full form later",
			text:     "A call with President Trump ended. Donald Trump said nothing.",
			mentions: []string{"Trump", "Donald Trump"},
			want: []summary{{
				Name:     "Donald Trump",
				Mentions: []string{"Trump", "Donald Trump"},
				Titles:   []string{"President"},
			}},
		},
		{
			name:     "possessive",
			text:     "People relayed Mr. Smith’s account. Christopher W. Smith's aide agreed. Smith ’s plan failed.",
			mentions: []string{"Smith", "Christopher W. Smith"},
			want: []summary{{
				Name:     "Christopher W. Smith",
				Mentions: []string{"Smith", "Christopher W. Smith", "Smith"},
				Titles:   []string{"Mr."},
				Gender:   Male,
			}},
		},
		{
			name:     "honorific gender keeps namesakes apart",
			text:     "Mr. Clinton spoke. Mrs. Clinton answered. Mr. Clinton left.",
			mentions: []string{"Clinton"},
			want: []summary{
				{Name: "Clinton", Mentions: []string{"Clinton", "Clinton"}, Titles: []string{"Mr."}, Gender: Male},
				{Name: "Clinton", Mentions: []string{"Clinton"}, Titles: []string{"Mrs."}, Gender: Female},
			},
		},
		{
			name:     "different first names, same last name",
			text:     "Joe Biden and Hunter Biden arrived. Biden spoke first. Joe Biden left.",
			mentions: []string{"Joe Biden", "Hunter Biden", "Biden"},
			want: []summary{
				{Name: "Joe Biden", Mentions: []string{"Joe Biden", "Joe Biden"}, Gender: Male},
				{Name: "Hunter Biden", Mentions: []string{"Hunter Biden", "Biden"}, Gender: Male},
			},
		},
		{
			name:     "first name alone",
			text:     "Svetlana Tikhanovskaya spoke. Later Svetlana said more.",
			mentions: []string{"Svetlana Tikhanovskaya", "Svetlana"},
			want: []summary{{
				Name:     "Svetlana Tikhanovskaya",
				Mentions: []string{"Svetlana Tikhanovskaya", "Svetlana"},
				Gender:   Female, // surname ending
			}},
		},
		{
			name:     "recognizer kept the honorific inside the entity",
			text:     "Mr. Lukashenko spoke. Gen. Ivan Petrov listened.",
			mentions: []string{"Mr. Lukashenko", "Gen. Ivan Petrov"},
			want: []summary{
				{Name: "Lukashenko", Mentions: []string{"Mr. Lukashenko"}, Titles: []string{"Mr."}, Gender: Male},
				{Name: "Ivan Petrov", Mentions: []string{"Gen. Ivan Petrov"}, Titles: []string{"Gen."}, Gender: Male},
			},
		},
		{
			name:     "pronoun gender",
			text:     "Condoleezza Rice spoke on Monday. She said the talks failed.",
			mentions: []string{"Condoleezza Rice"},
			want:     []summary{{Name: "Condoleezza Rice", Mentions: []string{"Condoleezza Rice"}, Gender: Female}},
		},
		{
			name:     "first-name lexicon gender",
			text:     "Maria Kolesnikova is in prison.",
			mentions: []string{"Maria Kolesnikova"},
			want:     []summary{{Name: "Maria Kolesnikova", Mentions: []string{"Maria Kolesnikova"}, Gender: Female}},
		},
		{
			name:     "appositive after the name",
			text:     "Artyom Shraibman, a political analyst who fled in 2020, said that sanctions failed.",
			mentions: []string{"Artyom Shraibman"},
			want: []summary{{
				Name: "Artyom Shraibman", Mentions: []string{"Artyom Shraibman"},
				Description: "a political analyst who fled in 2020",
			}},
		},
		{
			name:     "lower-case title appositive",
			text:     "Christopher W. Smith, deputy deputy secretary of state, and two officials went.",
			mentions: []string{"Christopher W. Smith"},
			want: []summary{{
				Name: "Christopher W. Smith", Mentions: []string{"Christopher W. Smith"}, Gender: Male,
				Description: "deputy deputy secretary of state",
			}},
		},
		{
			name:     "a verb after the comma is no appositive",
			text:     "An anchor, Igor Tur, presented a note of mystery, suggesting more.",
			mentions: []string{"Igor Tur"},
			want: []summary{{
				Name: "Igor Tur", Mentions: []string{"Igor Tur"}, Gender: Male,
				Description: "An anchor", // D2, not "presented a note of mystery"
			}},
		},
		{
			name:     "appositive before the name",
			text:     "The Belarus was silent, although an anchor on state television, Igor Tur, presented a note.",
			mentions: []string{"Igor Tur"},
			want: []summary{{
				Name: "Igor Tur", Mentions: []string{"Igor Tur"}, Gender: Male,
				Description: "an anchor on state television",
			}},
		},
		{
			name:     "preposition phrase before the name is no appositive",
			text:     "At the meeting, Igor Tur, the anchor, spoke.",
			mentions: []string{"Igor Tur"},
			want: []summary{{
				Name: "Igor Tur", Mentions: []string{"Igor Tur"}, Gender: Male,
				Description: "the anchor",
			}},
		},
		{
			name:     "relational appositive takes the object's name",
			text:     "Tatyana Khomich, a sister of one of the most eminent political prisoners in Bélarus, Maria Kolesnikova, welcomed it. “It failed,” she said.",
			mentions: []string{"Tatyana Khomich", "Maria Kolesnikova"},
			want: []summary{
				{
					Name: "Tatyana Khomich", Mentions: []string{"Tatyana Khomich"}, Gender: Female,
					Description: "a sister of one of the most eminent political prisoners in Bélarus, Maria Kolesnikova",
				},
				{
					Name: "Maria Kolesnikova", Mentions: []string{"Maria Kolesnikova"}, Gender: Female,
					Description: "one of the most eminent political prisoners in Bélarus",
				},
			},
		},
		{
			name:     "title phrase before the name",
			text:     "Franak Viacorka, the chief of staff of the exile opposition chief Svetlana Tikhanovskaya, who has long called for it, said: “Yes.” But, he added, it was late.",
			mentions: []string{"Franak Viacorka", "Svetlana Tikhanovskaya"},
			want: []summary{
				{
					Name: "Franak Viacorka", Mentions: []string{"Franak Viacorka"}, Gender: Male,
					Description: "the chief of staff of the exile opposition chief Svetlana Tikhanovskaya",
				},
				{
					Name: "Svetlana Tikhanovskaya", Mentions: []string{"Svetlana Tikhanovskaya"}, Titles: []string{"chief"},
					Gender: Female, Description: "the exile opposition chief",
				},
			},
		},
		{
			name:     "appositive closed by the end of the sentence",
			text:     "“It would help,” said Shraibman, a non-resident scholar at Carnegie.",
			mentions: []string{"Shraibman"},
			want: []summary{{
				Name: "Shraibman", Mentions: []string{"Shraibman"},
				Description: "a non-resident scholar at Carnegie",
			}},
		},
		{
			name:     "relative clause when nothing else describes",
			text:     "Joseph Imboden, 81, who voted against the plan, said he would stay. Sarah Lind, who chairs the committee, was not convinced.",
			mentions: []string{"Joseph Imboden", "Sarah Lind"},
			want: []summary{
				{Name: "Joseph Imboden", Mentions: []string{"Joseph Imboden"}, Gender: Male, Description: "who voted against the plan"},
				{Name: "Sarah Lind", Mentions: []string{"Sarah Lind"}, Gender: Female, Description: "who chairs the committee"},
			},
		},
		{
			name:     "relative clause closed by the sentence end is no description",
			text:     "He called on Mr. Putin, who sent advisers.",
			mentions: []string{"Putin"},
			want:     []summary{{Name: "Putin", Mentions: []string{"Putin"}, Titles: []string{"Mr."}, Gender: Male}},
		},
		{
			name:     "appositive after an agent preposition",
			text:     "Questioned by the inquiry’s counsel, Michael Torrance, she insisted.",
			mentions: []string{"Michael Torrance"},
			want: []summary{{
				Name: "Michael Torrance", Mentions: []string{"Michael Torrance"}, Gender: Male,
				Description: "the inquiry’s counsel",
			}},
		},
		{
			name:     "appositive names the noun phrase after of",
			text:     "That was the verdict of the Harwood manager, Luis Ortega, whose side won.",
			mentions: []string{"Luis Ortega"},
			want: []summary{{
				Name: "Luis Ortega", Mentions: []string{"Luis Ortega"}, Gender: Male,
				Description: "the Harwood manager",
			}},
		},
		{
			name:     "bare title phrase before the name",
			text:     "The link is on track, transport minister Alan Pryce said, and chief executive Jane Doe agreed.",
			mentions: []string{"Alan Pryce", "Jane Doe"},
			want: []summary{
				{Name: "Alan Pryce", Mentions: []string{"Alan Pryce"}, Titles: []string{"minister"}, Gender: Male, Description: "transport minister"},
				{Name: "Jane Doe", Mentions: []string{"Jane Doe"}, Titles: []string{"chief executive"}, Gender: Female, Description: "chief executive"},
			},
		},
		{
			name:     "no person entities",
			text:     "Nothing here.",
			mentions: nil,
			want:     nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := personDoc(t, tt.text, tt.mentions...)
			assert.Equal(t, tt.want, summarize(d), "clusterPeople(%q)", tt.text)
		})
	}
}

// TestPeopleEntityPerson checks Entity.Person on non-person entities and on
// a person entity with no name word.
func TestPeopleEntityPerson(t *testing.T) {
	text := "Mr. Smith went to Minsk with Mr. Jones."
	d := tokenize(t, text)
	require.True(t, setEntity(d, strings.Index(text, "Mr. Smith"), strings.Index(text, " went"), PER))
	require.True(t, setEntity(d, strings.Index(text, "Minsk"), strings.Index(text, " with"), LOC))
	require.True(t, setEntity(d, strings.Index(text, "Mr. Jones"), strings.Index(text, "Mr. Jones")+3, PER)) // "Mr." alone
	d.Entities[1].Person = 7                                                                                 // stale value must be reset
	d.People = clusterPeople(d)
	require.NoError(t, d.Validate())
	require.Len(t, d.People, 1)
	assert.Equal(t, "Smith", d.People[0].Name)
	assert.Equal(t, []int{0, -1, -1}, []int{d.Entities[0].Person, d.Entities[1].Person, d.Entities[2].Person})
	assert.Same(t, &d.People[0], d.PersonOf(0))
	assert.Nil(t, d.PersonOf(1))
	assert.Nil(t, d.PersonOf(99))
	assert.Equal(t, 0, d.PersonAt(d.Entities[0].Tokens.Lo))
	assert.Equal(t, -1, d.PersonAt(d.Entities[1].Tokens.Lo))
}

// goldSeed is the part of a saywho-gold/1 file the people tests read.
type goldSeed struct {
	Entities []struct {
		Start, End int
		Label      string
	}
	People []struct {
		Name        string
		Gender      string
		Description *struct{ Text string }
		Mentions    []struct{ Start, End int }
	}
}

// seedGold loads the seed article and its gold annotation.
func seedGold(t testing.TB) (string, goldSeed) {
	t.Helper()
	text, err := seeds.Text(seeds.Seed)
	require.NoError(t, err)
	raw, err := seeds.Gold(seeds.Seed)
	require.NoError(t, err)
	var g goldSeed
	require.NoError(t, json.Unmarshal(raw, &g))
	return text, g
}

// goldEntityDoc tokenizes text and sets the gold entities on it.
func goldEntityDoc(t testing.TB, text string, g goldSeed) *Document {
	t.Helper()
	d := tokenize(t, text)
	for _, e := range g.Entities {
		l, err := ParseLabel(e.Label)
		require.NoError(t, err)
		require.True(t, setEntity(d, e.Start, e.End, l), "gold entity [%d,%d) overlaps another after snapping to tokens", e.Start, e.End)
	}
	return d
}

// peopleScore compares the people of d with the gold people: a gold person
// is found when one of ours holds its first mention; its name, gender,
// description and exact mention set are then compared.
type peopleScore struct {
	gold, found, names, genders, descriptions, mentionSets, extraPeople int
}

func scorePeople(t *testing.T, d *Document, g goldSeed) peopleScore {
	t.Helper()
	s := peopleScore{gold: len(g.People)}
	used := map[int]bool{}
	for _, gp := range g.People {
		if len(gp.Mentions) == 0 {
			continue
		}
		e := d.EntityAt(d.TokenAt(gp.Mentions[0].Start))
		if e < 0 || d.Entities[e].Person < 0 {
			t.Logf("gold person %q: first mention not clustered", gp.Name)
			continue
		}
		p := d.People[d.Entities[e].Person]
		used[d.Entities[e].Person] = true
		s.found++
		if p.Name == gp.Name {
			s.names++
		} else {
			t.Logf("gold person %q: name %q", gp.Name, p.Name)
		}
		if p.Gender.String() == gp.Gender {
			s.genders++
		} else {
			t.Logf("gold person %q: gender %v, want %s", gp.Name, p.Gender, gp.Gender)
		}
		want := ""
		if gp.Description != nil {
			want = gp.Description.Text
		}
		if p.Description.Text == want {
			s.descriptions++
		} else {
			t.Logf("gold person %q: description %q, want %q", gp.Name, p.Description.Text, want)
		}
		var got, wantM []int
		for _, m := range p.Mentions {
			got = append(got, d.Entities[m].Start)
		}
		for _, m := range gp.Mentions {
			wantM = append(wantM, d.Entities[d.EntityAt(d.TokenAt(m.Start))].Start)
		}
		if assert.ObjectsAreEqual(got, wantM) {
			s.mentionSets++
		} else {
			t.Logf("gold person %q: %d mentions, want %d", gp.Name, len(got), len(wantM))
		}
	}
	s.extraPeople = len(d.People) - len(used)
	return s
}

// TestPeopleSeedGoldEntities clusters the gold PERSON entities of the seed
// article over the real tokenizer, so the figures measure clustering alone.
func TestPeopleSeedGoldEntities(t *testing.T) {
	text, g := seedGold(t)
	d := goldEntityDoc(t, text, g)
	d.People = clusterPeople(d)
	require.NoError(t, d.Validate())
	checkPeopleOrder(t, d)
	s := scorePeople(t, d, g)
	t.Logf("seed, gold entities: %d gold people, %d found, %d names, %d mention sets, %d genders, %d descriptions exact, %d extra people",
		s.gold, s.found, s.names, s.mentionSets, s.genders, s.descriptions, s.extraPeople)
	assert.Equal(t, s.gold, s.found, "people found")
	assert.Equal(t, s.gold, s.names, "canonical names")
	assert.Equal(t, s.gold, s.mentionSets, "mention clusters")
	assert.Zero(t, s.extraPeople, "extra people")
	assert.GreaterOrEqual(t, s.genders, s.gold-2, "genders")
	assert.GreaterOrEqual(t, s.descriptions, s.gold-3, "descriptions")
}

// TestPeopleSeedModel runs the whole pipeline (tokenizer, the embedded NER
// model, clustering) on the seed article and compares its people with the
// gold people. The floors are loose: the model is retrained often; the log
// line gives the figures.
func TestPeopleSeedModel(t *testing.T) {
	text, g := seedGold(t)
	d := Parse(text)
	require.NoError(t, d.Validate())
	checkPeopleOrder(t, d)
	s := scorePeople(t, d, g)
	var names []string
	for _, p := range d.People {
		names = append(names, p.Name)
	}
	t.Logf("seed, model entities: %d gold people, %d found, %d names, %d mention sets, %d genders, %d descriptions exact, %d extra people: %s",
		s.gold, s.found, s.names, s.mentionSets, s.genders, s.descriptions, s.extraPeople, strings.Join(names, " | "))
	assert.GreaterOrEqual(t, s.found, s.gold*2/3, "people found")
	assert.GreaterOrEqual(t, s.names, s.gold/2, "canonical names")
}

// TestPeopleGoldDocs clusters the gold PERSON entities of the hand-made gold
// documents in corpus/testdata/gold (fictional texts written for saywho)
// and logs how many people, names, mention sets, genders and descriptions
// match.
func TestPeopleGoldDocs(t *testing.T) {
	files, err := filepath.Glob("../corpus/testdata/gold/*.gold.json")
	require.NoError(t, err)
	if len(files) == 0 {
		t.Skip("no gold documents in ../corpus/testdata/gold")
	}
	var total peopleScore
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var g goldSeed
		require.NoError(t, json.Unmarshal(raw, &g), f)
		txt, err := os.ReadFile(strings.TrimSuffix(f, ".gold.json") + ".txt")
		require.NoError(t, err)
		d := goldEntityDoc(t, string(txt), g)
		d.People = clusterPeople(d)
		require.NoError(t, d.Validate(), f)
		checkPeopleOrder(t, d)
		s := scorePeople(t, d, g)
		t.Logf("%s: %+v", filepath.Base(f), s)
		total.gold += s.gold
		total.found += s.found
		total.names += s.names
		total.mentionSets += s.mentionSets
		total.genders += s.genders
		total.descriptions += s.descriptions
		total.extraPeople += s.extraPeople
	}
	t.Logf("gold documents, gold entities: %d gold people, %d found, %d names, %d mention sets, %d genders, %d descriptions exact, %d extra people",
		total.gold, total.found, total.names, total.mentionSets, total.genders, total.descriptions, total.extraPeople)
	assert.Equal(t, total.gold, total.found, "people found")
	assert.GreaterOrEqual(t, total.mentionSets, total.gold-1, "mention clusters")
}

// FuzzPeople marks every run of capitalised words as a PERSON entity and
// checks that clustering keeps the Document invariants and people order.
func FuzzPeople(f *testing.F) {
	if testing.Short() {
		f.Skip("fuzzing skipped with -short")
	}
	text, _ := seeds.Text(seeds.Seed)
	f.Add(text)
	for _, s := range []string{
		"Mr. Smith’s aide, a former envoy, met Ms. Smith, who left.",
		"Mr. Mr. Dr. , , — who",
		"A sister of one of them, Maria Kolesnikova, she said.",
		"\xff Mr.\xfe Smith, a \xff,",
	} {
		f.Add(s)
	}
	x, err := New(WithNER(NERNone))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := x.Extract(text)
		for i := 0; i < len(d.Tokens); {
			j := i
			for j < len(d.Tokens) && (d.Tokens[j].Kind == Word || d.Tokens[j].Kind == Abbrev) && startsUpper(d.Tokens[j].Text) {
				j++
			}
			if j > i {
				r := Range{i, j}
				d.Entities = append(d.Entities, Entity{Span: d.TokenSpan(r), Tokens: r, Label: PER, Person: -1})
				i = j
				continue
			}
			i++
		}
		d.People = clusterPeople(d)
		if err := d.Validate(); err != nil {
			t.Fatalf("clusterPeople(%q): %v", text, err)
		}
		for i, p := range d.People {
			if len(p.Mentions) == 0 || !sort.IntsAreSorted(p.Mentions) || i > 0 && p.Mentions[0] <= d.People[i-1].Mentions[0] {
				t.Fatalf("clusterPeople(%q): person %d %q mentions %v out of order", text, i, p.Name, p.Mentions)
			}
			if p.Description.Text != "" && p.Description.Text != text[p.Description.Start:p.Description.End] {
				t.Fatalf("clusterPeople(%q): description %+v", text, p.Description)
			}
		}
	})
}

// BenchmarkClusterPeople clusters the gold PERSON entities of the seed
// article (tokenizing is outside the timed loop).
func BenchmarkClusterPeople(b *testing.B) {
	text, g := seedGold(b)
	d := goldEntityDoc(b, text, g)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d.People = clusterPeople(d)
	}
	b.ReportMetric(float64(len(d.People)), "people/op")
}

// scanFinder is the cluster finder that clusterIndex replaced: it scans
// every cluster for each mention (quadratic in the people of a document).
// The index must give the same clusters.
type scanFinder struct{}

func (scanFinder) add([]*cluster, int) {}

func (scanFinder) find(clusters []*cluster, m mention) int {
	best, bestFirst := -1, -1 // P4: last-name match, first-name match
	for c, cl := range clusters {
		full := cl.mentions[cl.best]
		if mg, cg := m.anyGender(), cl.p5Gender(); mg != Unknown && cg != Unknown && mg != cg { // P5
			continue
		}
		recent := func(b int) bool { return b < 0 || cl.lastEntity > clusters[b].lastEntity }
		hasLast := slices.Contains(cl.lasts, m.last)
		switch {
		case m.first != "": // P3
			if hasLast && (full.first == "" || firstsAgree(full.first, m.first)) && recent(best) {
				best = c
			}
		case len(m.words) > 1: // no first name: last name only
			if hasLast && recent(best) {
				best = c
			}
		case hasLast: // P4
			if recent(best) {
				best = c
			}
		case full.first == m.last:
			if recent(bestFirst) {
				bestFirst = c
			}
		}
	}
	if best >= 0 {
		return best
	}
	return bestFirst
}

// scanAntecedent is the G2 antecedent search that antecedents replaced:
// it scans the entities of each sentence per pronoun.
func scanAntecedent(d *Document, clusters []*cluster, s, i int, g Gender, subject bool) int {
	ok := func(e int) bool {
		p := d.Entities[e].Person
		if p < 0 || d.Entities[e].Tokens.Hi > i {
			return false
		}
		hg := clusters[p].honorificGender()
		return hg == Unknown || hg == g
	}
	inSentence := func(s int, fromStart bool) int {
		sent := d.Sentences[s]
		lo := firstEntityFrom(d, sent.Tokens.Lo)
		hi := firstEntityFrom(d, min(sent.Tokens.Hi, i))
		if fromStart {
			for e := lo; e < hi; e++ {
				if ok(e) {
					return d.Entities[e].Person
				}
			}
			return -1
		}
		for e := hi - 1; e >= lo; e-- {
			if ok(e) {
				return d.Entities[e].Person
			}
		}
		return -1
	}
	if p := inSentence(s, subject); p >= 0 {
		return p
	}
	back := 1
	if subject {
		back = maxSubjectLookBack
	}
	for k := s - 1; k >= 0 && k >= s-back; k-- {
		if p := inSentence(k, subject); p >= 0 {
			return p
		}
	}
	return -1
}

// namesDoc builds a document of about size bytes whose sentences mention
// people in every form clustering reads: full names with and without
// honorifics, initials, last names alone, first names alone, with
// pronouns after them. Names are drawn from nFirst first names and nLast
// last names (nLast large gives a document of distinct names), from a
// fixed seed. The PERSON entities are marked directly (no NER), so the
// document is cheap to build at any size.
func namesDoc(tb testing.TB, size, nFirst, nLast int, seed uint64) *Document {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	firsts := []string{"John", "Jane", "Maria", "Peter", "Olga", "Alex", "Sam", "Chris", "Anna", "Igor", "Dean", "Kim"}
	firsts = firsts[:min(nFirst, len(firsts))]
	syll := []string{"ka", "lo", "vin", "mar", "ter", "sko", "ba", "rel", "dun", "fi", "gor", "nesh"}
	last := func(k int) string {
		var b strings.Builder
		for b.Len() < 4 || k > 0 {
			b.WriteString(syll[k%len(syll)])
			k /= len(syll)
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	var text strings.Builder
	var spans [][2]int
	name := func(s string) {
		spans = append(spans, [2]int{text.Len(), text.Len() + len(s)})
		text.WriteString(s)
	}
	for text.Len() < size {
		f, l := firsts[rng.IntN(len(firsts))], last(rng.IntN(nLast))
		switch rng.IntN(8) {
		case 0:
			name(f + " " + l)
		case 1:
			text.WriteString("Mr. ")
			name(l)
		case 2:
			text.WriteString("Ms. ")
			name(f + " " + l)
		case 3:
			name(f[:1] + ". " + l)
		case 4:
			name(l)
		case 5:
			name(f)
		case 6:
			text.WriteString("Dr. ")
			name(l)
		default:
			name(f + " " + l + " Jr.")
		}
		switch rng.IntN(4) {
		case 0:
			text.WriteString(" said he would go. ")
		case 1:
			text.WriteString(", a former minister, told her that she was right. ")
		case 2:
			text.WriteString(" and ")
			continue
		default:
			text.WriteString(" spoke.\n\nShe said his plan failed. ")
		}
	}
	d := tokenize(tb, text.String())
	for _, sp := range spans {
		lo, hi := d.TokenAt(sp[0]), d.TokenAt(sp[1]-1)
		if lo < 0 || hi < 0 {
			continue
		}
		d.Entities = append(d.Entities, Entity{Span: d.TokenSpan(Range{lo, hi + 1}), Tokens: Range{lo, hi + 1}, Label: PER, Person: -1})
	}
	return d
}

// TestClusterIndexAgreesWithScan checks that clusterIndex and the
// per-pronoun antecedents give what scanning every cluster and entity
// gave, on generated documents with many collisions of names, genders
// and initials, and on distinct names.
func TestClusterIndexAgreesWithScan(t *testing.T) {
	for _, tt := range []struct {
		name          string
		nFirst, nLast int
	}{{"few-names", 4, 3}, {"some-names", 12, 20}, {"distinct-names", 12, 5000}} {
		for seed := range uint64(4) {
			t.Run(fmt.Sprintf("%s/seed=%d", tt.name, seed), func(t *testing.T) {
				d := namesDoc(t, 30_000, tt.nFirst, tt.nLast, seed)
				checkAgainstScan(t, d)
			})
		}
	}
	t.Run("seed-article", func(t *testing.T) {
		text, err := seeds.Text(seeds.Seed)
		require.NoError(t, err)
		checkAgainstScan(t, Parse(text))
	})
}

// checkAgainstScan clusters d with the index and with the scan and
// compares people, entity persons and every pronoun's antecedent.
func checkAgainstScan(t *testing.T, d *Document) {
	t.Helper()
	scan := *d
	scan.Entities = slices.Clone(d.Entities)
	d.People = clusterPeople(d)
	scan.People = clusterPeopleBy(&scan, scanFinder{})
	require.Equal(t, scan.People, d.People)
	require.Equal(t, scan.Entities, d.Entities)
	require.NoError(t, d.Validate())

	// Rebuild the clusters' honorific votes to compare antecedents.
	clusters := make([]*cluster, len(d.People))
	for p := range clusters {
		clusters[p] = &cluster{}
	}
	for _, e := range d.Entities {
		if e.Person >= 0 {
			if m, ok := readMention(d, indexOfEntity(d, e)); ok {
				switch m.gender {
				case Male:
					clusters[e.Person].male++
				case Female:
					clusters[e.Person].female++
				}
			}
		}
	}
	ants := newAntecedents(d, clusters)
	n := 0
	for s, sent := range d.Sentences {
		for i := sent.Tokens.Lo; i < sent.Tokens.Hi; i++ {
			g, subject := pronoun(d, i)
			if g == Unknown {
				continue
			}
			subject = subject && opensClause(d, i, sent.Tokens.Lo)
			n++
			require.Equal(t, scanAntecedent(d, clusters, s, i, g, subject), ants.antecedent(d, s, i, g, subject),
				"antecedent of %q at token %d", d.Tokens[i].Text, i)
		}
	}
	t.Logf("%d entities, %d people, %d pronouns", len(d.Entities), len(d.People), n)
}

// indexOfEntity returns the index of e in d.Entities.
func indexOfEntity(d *Document, e Entity) int {
	return sort.Search(len(d.Entities), func(i int) bool { return d.Entities[i].Start >= e.Start })
}

// BenchmarkClusterPeopleManyNames clusters generated documents of distinct
// names at two sizes: ns/op must double with the size (linear time; the
// scan it replaced took 70 s of CPU on a 2 MB document of distinct names).
//
//	go test ./extract -run '^$' -bench ClusterPeopleManyNames -benchmem -cpu 1
func BenchmarkClusterPeopleManyNames(b *testing.B) {
	for _, size := range []int{1 << 20, 2 << 20} {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			d := namesDoc(b, size, 12, 1_000_000, 1)
			b.SetBytes(int64(len(d.Text)))
			b.ReportAllocs()
			for b.Loop() {
				d.People = clusterPeople(d)
			}
			b.ReportMetric(float64(len(d.People)), "people/op")
		})
	}
}
