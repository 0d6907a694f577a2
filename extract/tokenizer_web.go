package extract

import "unicode/utf8"

// urlEnd returns the end of the URL that starts at s with "http://",
// "https://" or "www.", or 0 (T9). Trailing punctuation is left out, and a
// final ")" only when the URL has no "(".
func urlEnd(text string, s int) int {
	rest := text[s:]
	var p int
	switch {
	case hasPrefixFold(rest, "https://"):
		p = 8
	case hasPrefixFold(rest, "http://"):
		p = 7
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && isASCIIAlnum(rest[4]):
		p = 4
	default:
		return 0
	}
	j := urlTail(text, s+p)
	if j == s+p {
		return 0
	}
	return j
}

// urlTail returns the end of the URL characters from j on, leaving out
// trailing punctuation, and a final ")" when the URL part has no "(".
func urlTail(text string, j int) int {
	from := j
	parens := 0
	for j < len(text) {
		c := text[j]
		if c <= ' ' || c >= utf8.RuneSelf || c == '"' || c == '<' || c == '>' || c == '`' || c == '\\' || c == '^' || c == '{' || c == '}' || c == '|' {
			break
		}
		if c == '(' {
			parens++
		}
		j++
	}
	for j > from {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			j--
			continue
		case ')':
			if parens == 0 {
				j--
				continue
			}
		}
		break
	}
	return j
}

func isLowerASCII(s string) bool {
	for k := 0; k < len(s); k++ {
		if s[k] < 'a' || s[k] > 'z' {
			return false
		}
	}
	return true
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// email returns the end of the e-mail address that starts at s, or 0
// (T10), remembering failures in t.noEmail.
func (t *Tokenizer) email(s int) int {
	if s < t.noEmail {
		return 0
	}
	e, fail := emailEnd(t.text, s)
	if e == 0 {
		t.noEmail = fail
	}
	return e
}

// emailEnd returns the end of the e-mail address that starts at s (T10):
// local part [A-Za-z0-9._%+-]+, "@", then two or more domain labels. When
// there is none it returns 0 and the end of the local-part scan.
func emailEnd(text string, s int) (end, fail int) {
	i := s
	for i < len(text) {
		c := text[i]
		if isASCIIAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' {
			i++
			continue
		}
		break
	}
	fail = i
	if i == s || i >= len(text) || text[i] != '@' || text[i-1] == '.' {
		return 0, fail
	}
	i++
	d := i
	dots := 0
	for i < len(text) {
		c := text[i]
		if isASCIIAlnum(c) || c == '-' {
			i++
			continue
		}
		if c == '.' && i > d && text[i-1] != '.' && i+1 < len(text) && isASCIIAlnum(text[i+1]) {
			dots++
			i++
			continue
		}
		break
	}
	if dots == 0 {
		return 0, fail
	}
	return i, 0
}
