package ner

// LabelScores returns, for every token of doc, each label's best tag score
// from the first stage (with rules R1 and the known mentions applied, before
// Viterbi and document agreement), in units of the model's weights: what
// the tagger thinks of each token on its own. It is for inspecting a model
// (nerlook -scores), not for tagging.
func (m *Model) LabelScores(doc Doc) [][NumLabels]float32 {
	if doc.numTokens() == 0 || len(doc.Sentences) == 0 || len(m.stages) == 0 {
		return nil
	}
	st := newDocState(doc, m)
	em := m.stages[0].emissions(st, false)
	for _, r := range doc.Sentences {
		st.honorifics(em[r.Lo*numTags:r.Hi*numTags], r, m.Spread*honorificPrior)
		st.known(em[r.Lo*numTags:r.Hi*numTags], r, m.Spread*knownPrior)
	}
	out := make([][NumLabels]float32, doc.numTokens())
	for i := range out {
		e := em[i*numTags : (i+1)*numTags]
		out[i][None] = e[0]
		for l := PER; l < NumLabels; l++ {
			b := e[tagOf(l, 0)]
			for p := 1; p < 4; p++ {
				b = max(b, e[tagOf(l, p)])
			}
			out[i][l] = b
		}
	}
	return out
}
