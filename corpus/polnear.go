package corpus

import (
	"bytes"
	"fmt"

	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/saywho/saywho/claims"
	"github.com/saywho/saywho/extract"
)

// LoadPolNeAR loads one split ("train", "dev" or "test") of the PolNeAR
// corpus from dir, which holds SPLIT/text/NAME.txt and
// SPLIT/attributions/NAME_ANNOTATOR.ann (brat standoff). Articles come back
// sorted by name, with layer LayerClaims only; IDs are "polnear:NAME".
//
// Choices, documented in the package doc under "PolNeAR":
//   - Several annotators: the annotation of the lexicographically first
//     annotator id is used (4b22 < 4e07 < 5fec < 6b86 < d473 < ef2d); the
//     others are ignored. Article.Source names the annotator.
//   - Offsets are converted from characters to bytes, and the text of every
//     annotation is checked against the article.
//   - Each Attribution or Attribution-no-source event is one claim. Raw
//     pieces of every role are kept in Article.Pieces; see polnearClaim
//     for how the Claim fields are derived.
//
// Malformed lines are reported in the returned ErrorList (file and line)
// and skipped; everything else is loaded. The error is nil when nothing was
// wrong, an ErrorList otherwise, or an I/O error when the split cannot be
// listed at all.
func LoadPolNeAR(dir, split string) ([]Article, error) {
	annDir := filepath.Join(dir, split, "attributions")
	textDir := filepath.Join(dir, split, "text")
	entries, err := os.ReadDir(annDir)
	if err != nil {
		return nil, fmt.Errorf("corpus: PolNeAR %s split: %w", split, err)
	}
	chosen := map[string]string{} // article name -> annotation file name
	var names []string
	for _, e := range entries {
		fn := e.Name()
		if e.IsDir() || !strings.HasSuffix(fn, ".ann") {
			continue
		}
		name, _ := splitAnnotator(fn)
		if prev, ok := chosen[name]; !ok {
			names = append(names, name)
			chosen[name] = fn
		} else if fn < prev {
			chosen[name] = fn
		}
	}
	sort.Strings(names)
	var errs ErrorList
	arts := make([]Article, 0, len(names))
	for _, name := range names {
		annPath := filepath.Join(annDir, chosen[name])
		textPath := filepath.Join(textDir, name+".txt")
		text, err := os.ReadFile(textPath)
		if err != nil {
			errs.Add(annPath, 0, -1, "no text for this annotation: %v", err)
			continue
		}
		ann, err := os.ReadFile(annPath)
		if err != nil {
			errs.Add(annPath, 0, -1, "cannot read: %v", err)
			continue
		}
		_, annotator := splitAnnotator(chosen[name])
		a := DecodeBrat(annPath, ann, string(text), &errs)
		a.ID = "polnear:" + name
		a.Source = fmt.Sprintf("PolNeAR v1.0.0 %s/text/%s.txt, annotator %s", split, name, annotator)
		arts = append(arts, a)
	}
	return arts, errs.Err()
}

// splitAnnotator splits "NAME_ANNOTATOR.ann" into NAME and ANNOTATOR.
func splitAnnotator(fn string) (name, annotator string) {
	base := strings.TrimSuffix(fn, ".ann")
	i := strings.LastIndexByte(base, '_')
	if i < 0 {
		return base, ""
	}
	return base[:i], base[i+1:]
}

// bratSpan is a text-bound annotation (a T line).
type bratSpan struct {
	label  string
	pieces []extract.Span // byte spans, in file order
	line   int
}

// bratEvent is an event (an E line): its type and role:id arguments.
type bratEvent struct {
	id, typ string
	args    [][2]string // role (without numeric suffix), T id
	line    int
}

// polnearLabels are the text-bound labels PolNeAR uses.
var polnearLabels = map[string]bool{
	"Source": true, "Cue": true, "Content": true,
	"Attribution": true, "Attribution-no-source": true,
	"Discard": true, "Discuss": true,
}

// DecodeBrat reads a brat standoff annotation of text in PolNeAR's scheme
// (see LoadPolNeAR) and returns the article with its claims. file names the
// annotation in error messages. Problems are appended to errs, with file
// and line; the lines at fault are skipped and the rest is decoded. It
// never panics, whatever data and text hold.
func DecodeBrat(file string, data []byte, text string, errs *ErrorList) Article {
	co := newCharOffsets(text)
	spans := map[string]*bratSpan{}
	var events []bratEvent
	lines := bytes.Split(data, []byte("\n"))
	off := 0 // byte offset in data of line i
	for i := 0; i < len(lines); i++ {
		lineNo, lineOff := i+1, off
		line := strings.TrimSuffix(string(lines[i]), "\r")
		off += len(lines[i]) + 1
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue // blank line, or a note (#1 AnnotatorNotes T3 ...)
		}
		fields := strings.SplitN(line, "\t", 3)
		id := fields[0]
		switch {
		case strings.HasPrefix(id, "T"):
			if len(fields) < 3 {
				errs.Add(file, lineNo, lineOff, "text-bound annotation %q: want 3 tab-separated fields (id, label and offsets, text), have %d", id, len(fields))
				continue
			}
			sp, ok := parseBratSpan(file, lineNo, lineOff, fields[1], text, co, errs)
			if !ok {
				continue
			}
			// The text field joins the pieces with a space. A piece that
			// holds line breaks carries its text on to the next lines of
			// the file: consume them while they still match.
			want := joinPieces(sp.pieces)
			got := fields[2]
			for got != want && i+1 < len(lines) && strings.HasPrefix(want, got+"\n") {
				i++
				off += len(lines[i]) + 1
				got += "\n" + strings.TrimSuffix(string(lines[i]), "\r")
			}
			if got != want {
				errs.Add(file, lineNo, lineOff, "%s %s: annotated text %q differs from the article text at its offsets %q", id, sp.label, clip(got), clip(want))
				continue
			}
			if _, dup := spans[id]; dup {
				errs.Add(file, lineNo, lineOff, "%s defined twice", id)
				continue
			}
			spans[id] = &sp
		case strings.HasPrefix(id, "E"):
			if len(fields) < 2 {
				errs.Add(file, lineNo, lineOff, "event %q: want 2 tab-separated fields (id, type:anchor role:id ...)", id)
				continue
			}
			ev, ok := parseBratEvent(file, lineNo, lineOff, id, fields[1], errs)
			if ok {
				events = append(events, ev)
			}
		default:
			errs.Add(file, lineNo, lineOff, "unexpected line %q: want a T (text-bound), E (event) or # (note) line; a stray line often means the previous annotation's text holds a line break", clip(line))
		}
	}
	a := Article{Doc: &extract.Document{Text: text}, Layers: LayerClaims}
	for _, ev := range events {
		c, rs, ok := polnearClaim(file, ev, spans, errs)
		if ok {
			a.Claims = append(a.Claims, c)
			a.Pieces = append(a.Pieces, rs)
		}
	}
	sortClaims(&a)
	if a.Pieces == nil {
		a.Pieces = []RoleSpans{}
	}
	return a
}

// sortClaims puts a's claims (and their pieces) in text order.
func sortClaims(a *Article) {
	idx := make([]int, len(a.Claims))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool { return a.Claims[idx[i]].Start() < a.Claims[idx[j]].Start() })
	cs := make([]claims.Claim, len(idx))
	var ps []RoleSpans
	if a.Pieces != nil {
		ps = make([]RoleSpans, len(idx))
	}
	for k, i := range idx {
		cs[k] = a.Claims[i]
		if ps != nil {
			ps[k] = a.Pieces[i]
		}
	}
	a.Claims, a.Pieces = cs, ps
}

// parseBratSpan parses "Label 12 20;25 40" into byte spans of text.
func parseBratSpan(file string, line, off int, s, text string, co charOffsets, errs *ErrorList) (bratSpan, bool) {
	label, offs, ok := strings.Cut(s, " ")
	if !ok {
		errs.Add(file, line, off, "text-bound annotation %q has no offsets: want \"Label START END\"", s)
		return bratSpan{}, false
	}
	if !polnearLabels[label] {
		errs.Add(file, line, off, "unknown label %q: want Source, Cue, Content, Attribution, Attribution-no-source, Discard or Discuss", label)
		return bratSpan{}, false
	}
	sp := bratSpan{label: label, line: line}
	for _, piece := range strings.Split(offs, ";") {
		a, b, ok := strings.Cut(strings.TrimSpace(piece), " ")
		start, err1 := strconv.Atoi(a)
		end, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			errs.Add(file, line, off, "%s: bad offsets %q: want two numbers, \"START END\"", label, piece)
			return bratSpan{}, false
		}
		if end < start {
			errs.Add(file, line, off, "%s: span [%d,%d) is reversed: end must not be before start", label, start, end)
			return bratSpan{}, false
		}
		bs, ok1 := co.byteOffset(start)
		be, ok2 := co.byteOffset(end)
		if !ok1 || !ok2 {
			errs.Add(file, line, off, "%s: span [%d,%d) is past the end of the text (%d characters); offsets count characters, not bytes", label, start, end, co.chars())
			return bratSpan{}, false
		}
		sp.pieces = append(sp.pieces, extract.SpanOf(text, bs, be))
	}
	return sp, true
}

// parseBratEvent parses "Attribution:T4 Content:T3 Cue:T2 Source:T1".
func parseBratEvent(file string, line, off int, id, s string, errs *ErrorList) (bratEvent, bool) {
	parts := strings.Fields(s)
	if len(parts) == 0 {
		errs.Add(file, line, off, "event %s is empty", id)
		return bratEvent{}, false
	}
	typ, _, _ := strings.Cut(parts[0], ":")
	if typ != "Attribution" && typ != "Attribution-no-source" {
		errs.Add(file, line, off, "event %s: unknown type %q: want Attribution or Attribution-no-source", id, typ)
		return bratEvent{}, false
	}
	ev := bratEvent{id: id, typ: typ, line: line}
	for _, p := range parts[1:] {
		role, ref, ok := strings.Cut(p, ":")
		role = strings.TrimRight(role, "0123456789") // Content2 is a second Content
		if !ok || ref == "" || (role != "Source" && role != "Cue" && role != "Content") {
			errs.Add(file, line, off, "event %s: bad argument %q: want Source:T1, Cue:T2 or Content:T3 (a digit may follow the role)", id, p)
			return bratEvent{}, false
		}
		ev.args = append(ev.args, [2]string{role, ref})
	}
	return ev, true
}

// polnearClaim turns an event into a claim.
//
//   - Content: each content piece, trimmed of white space and nothing
//     else: a direct quotation keeps its marks, as PolNeAR annotates it and
//     as claims.Claim holds it.
//   - Kind: Direct when every letter and digit of the content is inside
//     double quotation marks, Mixed when some are, Indirect otherwise.
//   - Cue and Source: the first piece (in text order) of the role, trimmed;
//     the zero Span when the role is absent. Discontinuous cues and sources
//     are rare (11 in train and dev); all pieces stay in RoleSpans.
//   - Speaker unknown (Person and Entity -1): PolNeAR has no canonical
//     speakers.
func polnearClaim(file string, ev bratEvent, spans map[string]*bratSpan, errs *ErrorList) (claims.Claim, RoleSpans, bool) {
	var rs RoleSpans
	for _, arg := range ev.args {
		sp, ok := spans[arg[1]]
		if !ok {
			errs.Add(file, ev.line, -1, "event %s: %s refers to %s, which is not defined (or was malformed)", ev.id, arg[0], arg[1])
			return claims.Claim{}, RoleSpans{}, false
		}
		if sp.label != arg[0] {
			errs.Add(file, ev.line, -1, "event %s: %s argument %s is labelled %s (line %d)", ev.id, arg[0], arg[1], sp.label, sp.line)
			return claims.Claim{}, RoleSpans{}, false
		}
		switch arg[0] {
		case "Source":
			rs.Source = append(rs.Source, sp.pieces...)
		case "Cue":
			rs.Cue = append(rs.Cue, sp.pieces...)
		case "Content":
			rs.Content = append(rs.Content, sp.pieces...)
		}
	}
	for _, ps := range []*[]extract.Span{&rs.Source, &rs.Cue, &rs.Content} {
		sort.SliceStable(*ps, func(i, j int) bool { return (*ps)[i].Start < (*ps)[j].Start })
	}
	c, ok := claimFromRoles(rs)
	if !ok {
		errs.Add(file, ev.line, -1, "event %s has no content", ev.id)
		return claims.Claim{}, RoleSpans{}, false
	}
	return c, rs, true
}

// claimFromRoles builds a gold claim from the annotated pieces of its
// roles, as both annotation importers (PolNeAR, Citron) define it: the kind
// from the quotation marks in the content, content pieces trimmed of white
// space (quotation marks stay), empty pieces dropped, and the first piece of
// the cue and of the source. It reports
// false when no content is left. Confidence is 1, Person and the
// segmentation indices -1.
func claimFromRoles(rs RoleSpans) (claims.Claim, bool) {
	c := claims.Claim{Kind: kindOf(rs.Content), Speaker: claims.Speaker{Person: -1, Entity: -1}, Confidence: 1, Paragraph: -1, Sentence: -1}
	for _, p := range rs.Content {
		p = trimSpace(p)
		if !p.IsEmpty() {
			c.Content = append(c.Content, p)
		}
	}
	if len(rs.Cue) > 0 {
		c.Cue = trimSpace(rs.Cue[0])
	}
	if len(rs.Source) > 0 {
		c.Source = trimSpace(rs.Source[0])
	}
	return c, len(c.Content) > 0
}

// joinPieces returns the texts of the pieces joined by one space, as brat
// writes the text of a discontinuous annotation.
func joinPieces(pieces []extract.Span) string {
	if len(pieces) == 1 {
		return pieces[0].Text
	}
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// clip shortens s for an error message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
