package extract

// STUB: replaced by the real tokenizer.
func appendTokens(dst []Token, text string) []Token {
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r' {
			if start >= 0 {
				dst = append(dst, Token{Span: SpanOf(text, start, i)})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return dst
}
