package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// FormatVersion is the value of the "format" field of the gold JSON files
// this package reads and writes.
const FormatVersion = "saywho-gold/1"

// Gold JSON structs, as on disk (see the package doc).
type (
	jsonSpan struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
	}
	jsonEntity struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Label string `json:"label"`
	}
	jsonPerson struct {
		Name        string     `json:"name"`
		Gender      string     `json:"gender,omitempty"`
		Description *jsonSpan  `json:"description"`
		Mentions    []jsonSpan `json:"mentions"`
	}
	jsonClaim struct {
		Kind    string     `json:"kind"`
		Content []jsonSpan `json:"content"`
		Cue     *jsonSpan  `json:"cue"`
		Source  *jsonSpan  `json:"source"`
		Speaker *string    `json:"speaker"`
	}
)

// Load reads every gold JSON file of fsys whose name matches pattern (as
// fs.Glob matches; names not ending in ".json" are skipped) and returns the
// articles in name order. A file without "text" takes it from its sibling:
// NAME.gold.json (or NAME.json) reads NAME.txt.
//
// Every problem of every file is reported, with file and line, in the
// returned ErrorList; the articles of files that had problems are left
// out, the others are returned. A bad pattern gives a plain error.
func Load(fsys fs.FS, pattern string) ([]Article, error) {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, fmt.Errorf("corpus: pattern %q: %w", pattern, err)
	}
	sort.Strings(names)
	var (
		errs ErrorList
		arts []Article
	)
	for _, name := range names {
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs.Add(name, 0, -1, "cannot read: %v", err)
			continue
		}
		sibling := func() (string, error) {
			base := strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".gold")
			b, err := fs.ReadFile(fsys, base+".txt")
			return string(b), err
		}
		n := len(errs)
		a := decodeGold(name, data, sibling, &errs)
		if len(errs) == n {
			arts = append(arts, a)
		}
	}
	return arts, errs.Err()
}

// Decode reads one gold JSON document from r. The document must hold its
// "text" (Load is the way to read gold files whose text is a sibling
// file). The error is an ErrorList naming lines of the input, or an I/O
// error.
func Decode(r io.Reader) (Article, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("corpus: reading gold JSON: %w", err)
	}
	var errs ErrorList
	a := decodeGold("<input>", data, nil, &errs)
	return a, errs.Err()
}

// decodeGold decodes one gold file. sibling, when not nil, returns the text
// for a file that has none.
func decodeGold(file string, data []byte, sibling func() (string, error), errs *ErrorList) Article {
	starts := lineStarts(data)
	at := func(off int) int { return lineOf(starts, off) }
	fail := func(off int, format string, args ...any) {
		errs.Add(file, at(off), off, format, args...)
	}
	jsonErr := func(err error, off int) {
		// The offsets inside json errors count from where the decoder
		// resumed, not from the file start: report the caller's offset
		// (the field or array element at fault) instead.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("field %q: JSON %s where %s is wanted", te.Field, te.Value, te.Type)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			off, err = len(data), errors.New("unexpected end of JSON: the file is truncated")
		}
		fail(min(max(off, 0), len(data)), "%v", err)
	}

	var (
		format, id, source string
		text               *string
		layerNames         []string
		layerOff           int
		ents               []jsonEntity
		entOffs            []int
		people             []jsonPerson
		peopleOffs         []int
		cls                []jsonClaim
		claimOffs          []int
		seen               = map[string]int{}
	)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if err == nil {
			err = fmt.Errorf("want a JSON object {...}, have %v", tok)
		}
		jsonErr(err, 0)
		return Article{}
	}
	// array decodes a JSON array element by element, recording where each
	// element starts so later checks can name its line.
	array := func(key string, elem func() any) ([]int, bool) {
		var offs []int
		if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
			if err == nil {
				err = fmt.Errorf("field %q: want an array [...]", key)
			}
			jsonErr(err, int(dec.InputOffset()))
			return nil, false
		}
		for dec.More() {
			off := skipSpace(data, int(dec.InputOffset()))
			if err := dec.Decode(elem()); err != nil {
				jsonErr(err, off)
				return nil, false
			}
			offs = append(offs, off)
		}
		if _, err := dec.Token(); err != nil {
			jsonErr(err, int(dec.InputOffset()))
			return nil, false
		}
		return offs, true
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			jsonErr(err, int(dec.InputOffset()))
			return Article{}
		}
		key, _ := tok.(string)
		keyOff := int(dec.InputOffset())
		seen[key] = keyOff
		ok := true
		switch key {
		case "format":
			err = dec.Decode(&format)
		case "id":
			err = dec.Decode(&id)
		case "source":
			err = dec.Decode(&source)
		case "text":
			err = dec.Decode(&text)
		case "layers":
			layerOff = keyOff
			err = dec.Decode(&layerNames)
		case "entities":
			entOffs, ok = array(key, func() any { ents = append(ents, jsonEntity{}); return &ents[len(ents)-1] })
		case "people":
			peopleOffs, ok = array(key, func() any { people = append(people, jsonPerson{}); return &people[len(people)-1] })
		case "claims":
			claimOffs, ok = array(key, func() any { cls = append(cls, jsonClaim{}); return &cls[len(cls)-1] })
		default:
			fail(keyOff, "unknown field %q: want format, id, source, text, layers, entities, people or claims", key)
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			jsonErr(err, keyOff)
			return Article{}
		}
		if !ok {
			return Article{}
		}
	}
	if _, err := dec.Token(); err != nil {
		jsonErr(err, len(data))
		return Article{}
	}
	if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		fail(int(dec.InputOffset()), "extra data after the JSON object")
	}

	if format != FormatVersion {
		fail(seen["format"], "format %q: want %q", format, FormatVersion)
	}
	if id == "" {
		fail(seen["id"], "missing or empty \"id\"")
	}
	var body string
	switch {
	case text != nil:
		body = *text
	case sibling != nil:
		s, err := sibling()
		if err != nil {
			fail(0, "no \"text\" field and no sibling text file: %v", err)
			return Article{}
		}
		body = s
	default:
		fail(0, "no \"text\" field (only Load can read the text from a sibling NAME.txt file)")
		return Article{}
	}

	a := Article{ID: id, Source: source, Doc: &extract.Document{Text: body}}
	for _, name := range layerNames {
		l, ok := parseLayer(name)
		if !ok || l == LayerTokens {
			fail(layerOff, "unknown layer %q: want entities, people or claims", name)
			continue
		}
		a.Layers |= l
	}
	for _, f := range []struct {
		key string
		l   Layers
	}{{"entities", LayerEntities}, {"people", LayerPeople}, {"claims", LayerClaims}} {
		if off, ok := seen[f.key]; ok && !a.Layers.Has(f.l) {
			fail(off, "%q given but not listed in \"layers\": add it, or the scorers will ignore it", f.key)
		}
	}

	co := newCharOffsets(body)
	span := func(what string, off int, s jsonSpan) (extract.Span, bool) {
		if s.Start < 0 || s.End < s.Start || s.End > len(body) {
			fail(off, "%s: span [%d,%d) is outside the text of %d bytes", what, s.Start, s.End, len(body))
			return extract.Span{}, false
		}
		// A file written with character offsets is the common mistake:
		// say so when the offsets, read as characters, fit the text.
		charHint := ""
		if bs, ok1 := co.byteOffset(s.Start); ok1 {
			if be, ok2 := co.byteOffset(s.End); ok2 && body[bs:be] == s.Text && (bs != s.Start || be != s.End) {
				charHint = fmt.Sprintf(" (the offsets look like character offsets: bytes would be [%d,%d))", bs, be)
			}
		}
		if !utf8.RuneStart(at0(body, s.Start)) || !utf8.RuneStart(at0(body, s.End)) {
			fail(off, "%s: span [%d,%d) does not start and end on a character boundary; offsets are bytes of the UTF-8 text%s", what, s.Start, s.End, charHint)
			return extract.Span{}, false
		}
		if got := body[s.Start:s.End]; got != s.Text {
			hint := charHint
			if hint == "" {
				if i := strings.Index(body, s.Text); i >= 0 && s.Text != "" {
					hint = fmt.Sprintf(" (that text first occurs at [%d,%d))", i, i+len(s.Text))
				}
			}
			fail(off, "%s: text %q differs from text[%d:%d] %q%s", what, clip(s.Text), s.Start, s.End, clip(got), hint)
			return extract.Span{}, false
		}
		return extract.SpanOf(body, s.Start, s.End), true
	}
	optSpan := func(what string, off int, s *jsonSpan) (extract.Span, bool) {
		if s == nil {
			return extract.Span{}, true
		}
		return span(what, off, *s)
	}

	// Entities, sorted, not overlapping.
	type offEnt struct {
		e   extract.Entity
		off int
	}
	var es []offEnt
	for i, je := range ents {
		s, ok := span(fmt.Sprintf("entity %d", i), entOffs[i], jsonSpan{je.Start, je.End, je.Text})
		if !ok {
			continue
		}
		l, err := extract.ParseLabel(je.Label)
		if err != nil || l == extract.NoLabel {
			fail(entOffs[i], "entity %d %q: unknown label %q: want PERSON, ORG, LOC or MISC", i, clip(je.Text), je.Label)
			continue
		}
		es = append(es, offEnt{extract.Entity{Span: s, Label: l, Person: -1}, entOffs[i]})
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].e.Start < es[j].e.Start })
	byPos := map[[2]int]int{}
	for i, oe := range es {
		if i > 0 && oe.e.Start < es[i-1].e.End {
			fail(oe.off, "entity %q [%d,%d) overlaps entity %q [%d,%d): entities must not overlap", clip(oe.e.Text), oe.e.Start, oe.e.End, clip(es[i-1].e.Text), es[i-1].e.Start, es[i-1].e.End)
			continue
		}
		byPos[[2]int{oe.e.Start, oe.e.End}] = len(a.Doc.Entities)
		a.Doc.Entities = append(a.Doc.Entities, oe.e)
	}

	// People: mentions are PERSON entities.
	for i, jp := range people {
		off := peopleOffs[i]
		what := fmt.Sprintf("person %d %q", i, jp.Name)
		if strings.TrimSpace(jp.Name) == "" {
			fail(off, "person %d has no name", i)
		}
		p := extract.Person{Name: jp.Name}
		switch jp.Gender {
		case "male":
			p.Gender = extract.Male
		case "female":
			p.Gender = extract.Female
		case "", "unknown":
		default:
			fail(off, "%s: gender %q: want male, female or unknown", what, jp.Gender)
		}
		if d, ok := optSpan(what+" description", off, jp.Description); ok {
			p.Description = d
		}
		for _, m := range jp.Mentions {
			s, ok := span(what+" mention", off, m)
			if !ok {
				continue
			}
			k, found := byPos[[2]int{s.Start, s.End}]
			if !found && !a.Layers.Has(LayerEntities) {
				// No entity layer: the mentions are the PERSON entities.
				k = len(a.Doc.Entities)
				a.Doc.Entities = append(a.Doc.Entities, extract.Entity{Span: s, Label: extract.PER, Person: -1})
				byPos[[2]int{s.Start, s.End}] = k
				found = true
			}
			switch {
			case !found:
				fail(off, "%s: mention %q [%d,%d) is not an entity: add it to \"entities\" as PERSON", what, clip(s.Text), s.Start, s.End)
			case a.Doc.Entities[k].Label != extract.PER:
				fail(off, "%s: mention %q [%d,%d) is labelled %v, want PERSON", what, clip(s.Text), s.Start, s.End, a.Doc.Entities[k].Label)
			case a.Doc.Entities[k].Person >= 0:
				fail(off, "%s: mention %q [%d,%d) already belongs to person %q", what, clip(s.Text), s.Start, s.End, people[a.Doc.Entities[k].Person].Name)
			default:
				a.Doc.Entities[k].Person = len(a.Doc.People)
				p.Mentions = append(p.Mentions, k)
			}
		}
		a.Doc.People = append(a.Doc.People, p)
	}
	if !a.Layers.Has(LayerEntities) && len(a.Doc.Entities) > 0 {
		sortEntities(a.Doc)
	}
	for i := range a.Doc.People {
		sort.Ints(a.Doc.People[i].Mentions)
	}

	// Claims.
	for i, jc := range cls {
		off := claimOffs[i]
		what := fmt.Sprintf("claim %d", i)
		k, err := claims.ParseKind(jc.Kind)
		if err != nil {
			fail(off, "%s: kind %q: want direct, indirect or mixed", what, jc.Kind)
			continue
		}
		c := claims.Claim{Kind: k, Speaker: claims.Speaker{Person: -1, Entity: -1}, Confidence: 1, Paragraph: -1, Sentence: -1}
		ok := true
		for _, js := range jc.Content {
			s, good := span(what+" content", off, js)
			ok = ok && good
			c.Content = append(c.Content, s)
		}
		if len(jc.Content) == 0 {
			fail(off, "%s has no content", what)
			ok = false
		}
		var good bool
		c.Cue, good = optSpan(what+" cue", off, jc.Cue)
		ok = ok && good
		c.Source, good = optSpan(what+" source", off, jc.Source)
		ok = ok && good
		if jc.Speaker != nil {
			c.Speaker = goldSpeaker(a.Doc, *jc.Speaker)
		}
		if ok {
			sort.SliceStable(c.Content, func(i, j int) bool { return c.Content[i].Start < c.Content[j].Start })
			a.Claims = append(a.Claims, c)
		}
	}
	sortClaims(&a)
	if len(a.Claims) == 0 {
		a.Claims = nil
	}
	return a
}

// goldSpeaker returns the speaker a gold file names: the person of d whose
// Name is name, else the organisation (its first ORG entity with that
// text, or Entity -1 when the file has no entity layer).
func goldSpeaker(d *extract.Document, name string) claims.Speaker {
	for pi, p := range d.People {
		if p.Name == name {
			return claims.Speaker{Kind: claims.PersonSpeaker, Name: name, Person: pi, Entity: -1}
		}
	}
	sp := claims.Speaker{Kind: claims.OrgSpeaker, Name: name, Person: -1, Entity: -1}
	for ei, e := range d.Entities {
		if e.Label == extract.ORG && e.Text == name {
			sp.Entity = ei
			break
		}
	}
	return sp
}

// sortEntities sorts d.Entities by Start and renumbers Person.Mentions.
func sortEntities(d *extract.Document) {
	idx := make([]int, len(d.Entities))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return d.Entities[idx[i]].Start < d.Entities[idx[j]].Start })
	newIdx := make([]int, len(idx))
	es := make([]extract.Entity, len(idx))
	for k, i := range idx {
		es[k] = d.Entities[i]
		newIdx[i] = k
	}
	d.Entities = es
	for p := range d.People {
		for m, i := range d.People[p].Mentions {
			d.People[p].Mentions[m] = newIdx[i]
		}
	}
}

// at0 returns text[i], or 0 (a rune start) at the ends of text.
func at0(text string, i int) byte {
	if i <= 0 || i >= len(text) {
		return 0
	}
	return text[i]
}

// skipSpace returns the offset of the first byte at or after off that is
// neither JSON white space nor a comma.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',':
			off++
			continue
		}
		break
	}
	return off
}

// Encode writes a as one gold JSON document (format saywho-gold/1) to w,
// text included, with the layers a has. Entities are written one per line
// and claims one per line, so diffs of gold files stay readable.
func Encode(w io.Writer, a Article) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	field := func(key string, v any, last bool) {
		fmt.Fprintf(&b, "  %q: ", key)
		enc.Encode(v) // cannot fail: plain structs and strings
		b.Truncate(b.Len() - 1)
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	list := func(key string, n int, elem func(i int) any, last bool) {
		fmt.Fprintf(&b, "  %q: [", key)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString("\n    ")
			enc.Encode(elem(i))
			b.Truncate(b.Len() - 1)
		}
		if n > 0 {
			b.WriteString("\n  ")
		}
		b.WriteByte(']')
		if !last {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	doc := a.Doc
	if doc == nil {
		doc = &extract.Document{}
	}
	layers := a.Layers &^ LayerTokens
	names := layers.Names()
	if names == nil {
		names = []string{}
	}
	b.WriteString("{\n")
	field("format", FormatVersion, false)
	field("id", a.ID, false)
	field("source", a.Source, false)
	field("text", doc.Text, false)
	var rest []string
	if layers.Has(LayerEntities) {
		rest = append(rest, "entities")
	}
	if layers.Has(LayerPeople) {
		rest = append(rest, "people")
	}
	if layers.Has(LayerClaims) {
		rest = append(rest, "claims")
	}
	field("layers", names, len(rest) == 0)
	for k, key := range rest {
		last := k == len(rest)-1
		switch key {
		case "entities":
			list(key, len(doc.Entities), func(i int) any {
				e := doc.Entities[i]
				return jsonEntity{e.Start, e.End, e.Text, e.Label.String()}
			}, last)
		case "people":
			list(key, len(doc.People), func(i int) any {
				p := doc.People[i]
				jp := jsonPerson{Name: p.Name, Mentions: []jsonSpan{}}
				if p.Gender != extract.Unknown {
					jp.Gender = p.Gender.String()
				}
				if !p.Description.IsEmpty() {
					jp.Description = toJSONSpan(p.Description)
				}
				for _, m := range p.Mentions {
					if m >= 0 && m < len(doc.Entities) {
						jp.Mentions = append(jp.Mentions, *toJSONSpan(doc.Entities[m].Span))
					}
				}
				return jp
			}, last)
		case "claims":
			list(key, len(a.Claims), func(i int) any {
				c := a.Claims[i]
				jc := jsonClaim{Kind: c.Kind.String(), Content: []jsonSpan{}}
				for _, s := range c.Content {
					jc.Content = append(jc.Content, *toJSONSpan(s))
				}
				if !c.Cue.IsEmpty() {
					jc.Cue = toJSONSpan(c.Cue)
				}
				if !c.Source.IsEmpty() {
					jc.Source = toJSONSpan(c.Source)
				}
				if c.Speaker.IsNamed() {
					jc.Speaker = &c.Speaker.Name
				}
				return jc
			}, last)
		}
	}
	b.WriteString("}\n")
	_, err := w.Write(b.Bytes())
	if err != nil {
		return fmt.Errorf("corpus: writing gold JSON %s: %w", a.ID, err)
	}
	return nil
}

func toJSONSpan(s extract.Span) *jsonSpan { return &jsonSpan{s.Start, s.End, s.Text} }
