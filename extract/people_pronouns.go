package extract

// pronounGenders fills in Gender from pronoun votes (G2) for the people
// whose honorifics and first names said nothing.
func pronounGenders(d *Document, clusters []*cluster, people []Person) {
	need := false
	for _, p := range people {
		if p.Gender == Unknown {
			need = true
			break
		}
	}
	if !need {
		return
	}
	votes := make([][2]int, len(people)) // male, female
	ants := newAntecedents(d, clusters)
	for s, sent := range d.Sentences {
		for i := sent.Tokens.Lo; i < sent.Tokens.Hi; i++ {
			g, subject := pronoun(d, i)
			if g == Unknown {
				continue
			}
			p := ants.antecedent(d, s, i, g, subject && opensClause(d, i, sent.Tokens.Lo))
			if p < 0 {
				continue
			}
			if g == Male {
				votes[p][0]++
			} else {
				votes[p][1]++
			}
		}
	}
	for p := range people {
		if people[p].Gender != Unknown {
			continue
		}
		switch v := votes[p]; {
		case v[0] > v[1]:
			people[p].Gender = Male
		case v[1] > v[0]:
			people[p].Gender = Female
		}
	}
}

// pronoun returns the gender of a third-person singular pronoun token and
// whether it is a subject form ("he", "she").
func pronoun(d *Document, i int) (Gender, bool) {
	if t := d.Tokens[i]; t.Kind != Word || len(t.Text) > 7 {
		return Unknown, false
	}
	switch d.Lower(i) {
	case "he":
		return Male, true
	case "him", "his", "himself":
		return Male, false
	case "she":
		return Female, true
	case "her", "hers", "herself":
		return Female, false
	}
	return Unknown, false
}

// antecedents answers, for G2, which person entity is the first or the last
// one in a range of entities whose person's honorifics do not contradict a
// gender, in constant time: next[g][e] is the first such entity at or after
// e, prev[g][e] the last one at or before e (len(d.Entities) and -1 when
// there is none). Scanning the entities of a sentence per pronoun instead
// would be quadratic in one long sentence.
type antecedents struct {
	next, prev [2][]int32 // [0]: male, [1]: female
}

func newAntecedents(d *Document, clusters []*cluster) *antecedents {
	n := len(d.Entities)
	a := &antecedents{}
	for gi, g := range [...]Gender{Male, Female} {
		ok := func(e int) bool {
			p := d.Entities[e].Person
			if p < 0 {
				return false
			}
			hg := clusters[p].honorificGender()
			return hg == Unknown || hg == g
		}
		next, prev := make([]int32, n+1), make([]int32, n)
		next[n] = int32(n)
		for e := n - 1; e >= 0; e-- {
			next[e] = next[e+1]
			if ok(e) {
				next[e] = int32(e)
			}
		}
		last := int32(-1)
		for e := 0; e < n; e++ {
			if ok(e) {
				last = int32(e)
			}
			prev[e] = last
		}
		a.next[gi], a.prev[gi] = next, prev
	}
	return a
}

// antecedent returns the person a pronoun of gender g at token i of
// sentence s votes for (G2), or -1.
func (a *antecedents) antecedent(d *Document, s, i int, g Gender, subject bool) int {
	gi := 0
	if g == Female {
		gi = 1
	}
	// inSentence returns the person of the first (fromStart) or last
	// acceptable entity of sentence s that ends at or before token i.
	inSentence := func(s int, fromStart bool) int {
		sent := d.Sentences[s]
		lo := firstEntityFrom(d, sent.Tokens.Lo)
		hi := firstEntityFrom(d, min(sent.Tokens.Hi, i))
		if lo >= hi {
			return -1
		}
		// Only the last entity before i can reach past it (entities do
		// not overlap), and such an entity is no antecedent.
		if fromStart {
			e := int(a.next[gi][lo])
			if e < hi && d.Entities[e].Tokens.Hi <= i {
				return d.Entities[e].Person
			}
			return -1
		}
		from := hi - 1
		if d.Entities[from].Tokens.Hi > i {
			from--
		}
		if from < lo {
			return -1
		}
		if e := int(a.prev[gi][from]); e >= lo {
			return d.Entities[e].Person
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

// maxSubjectLookBack is how many sentences back a clause-opening subject
// pronoun looks for a sentence with a person in it (G2).
const maxSubjectLookBack = 3

// firstEntityFrom returns the index of the first entity that starts at or
// after token i (len(d.Entities) when none does).
func firstEntityFrom(d *Document, i int) int {
	lo, hi := 0, len(d.Entities)
	for lo < hi {
		mid := (lo + hi) / 2
		if d.Entities[mid].Tokens.Lo < i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}
