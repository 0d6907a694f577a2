package saywho

// The wire types are Result's JSON as encoding/json writes it, with the
// enumerations (labels, kinds, rules) as the strings their MarshalText
// methods return: encoding them through MarshalText allocated a byte
// slice per entity and claim. Field order, names and tags must stay those
// of Result, Entity, Claim and Speaker (TestWireMatchesResult checks the
// bytes against the types themselves).

type wireResult struct {
	ID       string       `json:"id"`
	Offsets  Offsets      `json:"offsets"`
	Entities []wireEntity `json:"entities"`
	People   []Person     `json:"people"`
	Claims   []wireClaim  `json:"claims"`
	Warnings []string     `json:"warnings,omitempty"`
}

type wireEntity struct {
	Text   string `json:"text"`
	Label  string `json:"label"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Person int    `json:"person"`
}

type wireClaim struct {
	Kind         string       `json:"kind"`
	Content      []Span       `json:"content"`
	Cue          *Span        `json:"cue"`
	Source       *Span        `json:"source"`
	Speaker      *wireSpeaker `json:"speaker"`
	Confidence   float64      `json:"confidence"`
	Paragraph    int          `json:"paragraph"`
	Sentence     int          `json:"sentence"`
	Rule         string       `json:"rule"`
	Continuation bool         `json:"continuation"`
}

type wireSpeaker struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Person      int    `json:"person"`
	Entity      int    `json:"entity"`
	Rule        string `json:"rule"`
	Description *Span  `json:"description,omitempty"`
}

// newWire returns r's wire form: three allocations (entities, claims,
// speakers) whatever the number of entities and claims. Nil layers stay
// nil (null in JSON), as encoding Result directly writes them.
func newWire(r *Result) *wireResult {
	w := &wireResult{ID: r.ID, Offsets: r.Offsets, People: r.People, Warnings: r.Warnings}
	if r.Entities != nil {
		w.Entities = make([]wireEntity, len(r.Entities))
		for i, e := range r.Entities {
			w.Entities[i] = wireEntity{Text: e.Text, Label: e.Label.String(), Start: e.Start, End: e.End, Person: e.Person}
		}
	}
	if r.Claims != nil {
		w.Claims = make([]wireClaim, len(r.Claims))
		n := 0
		for _, c := range r.Claims {
			if c.Speaker != nil {
				n++
			}
		}
		speakers := make([]wireSpeaker, 0, n)
		for i, c := range r.Claims {
			wc := wireClaim{Kind: c.Kind.String(), Content: c.Content, Cue: c.Cue, Source: c.Source,
				Confidence: c.Confidence, Paragraph: c.Paragraph, Sentence: c.Sentence, Rule: c.Rule.String(), Continuation: c.Continuation}
			if sp := c.Speaker; sp != nil {
				speakers = append(speakers, wireSpeaker{Name: sp.Name, Kind: sp.Kind.String(), Person: sp.Person, Entity: sp.Entity, Rule: sp.Rule.String(), Description: sp.Description})
				wc.Speaker = &speakers[len(speakers)-1]
			}
			w.Claims[i] = wc
		}
	}
	return w
}
