package extract

// STUB: replaced by the real segmenter.
func segment(text string, toks []Token) ([]Sentence, []Paragraph) {
	if len(toks) == 0 {
		return nil, nil
	}
	r := Range{0, len(toks)}
	sp := SpanOf(text, toks[0].Start, toks[len(toks)-1].End)
	return []Sentence{{Span: sp, Tokens: r}}, []Paragraph{{Span: sp, Sentences: Range{0, 1}, Tokens: r}}
}
