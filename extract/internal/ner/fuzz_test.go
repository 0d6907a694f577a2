package ner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/saywho/saywho/extract/internal/ner/model"
)

// FuzzDecodeModel feeds Decode the shipped model and broken copies of it:
// truncated at section boundaries and inside them, with bytes flipped in
// its header, tables and weights. Decode must return an error or a model
// that tags a document without panicking, its mentions in order, inside
// their sentences and not overlapping.
func FuzzDecodeModel(f *testing.F) {
	real := model.Data()
	f.Add([]byte(real))
	for _, n := range []int{0, 7, len(magic), len(magic) + 3, 64, 4096, len(real) / 3, len(real) / 2, len(real) - 1} {
		f.Add([]byte(real[:n]))
	}
	for _, off := range []int{len(magic), len(magic) + 8, 200, 4096, len(real) / 2, len(real) - 100} {
		b := []byte(real)
		b[off] ^= 0xA5
		f.Add(b)
	}
	doc := Doc{
		Tokens:    strings.Fields(`Mr. Vitter told Reuters in Paris on Monday that " The Salt Road " , a play by Keller Minerals , would open . Vitter said so .`),
		Sentences: []Range{{0, 22}, {22, 25}},
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Decode(bytes.NewReader(raw))
		if err != nil {
			return
		}
		ms := m.Tag(doc)
		for k, x := range ms {
			if x.Lo < 0 || x.Hi > len(doc.Tokens) || x.Hi <= x.Lo || x.Label == None || x.Label >= NumLabels {
				t.Fatalf("mention %d = %+v: outside the document or without a type", k, x)
			}
			if k > 0 && ms[k-1].Hi > x.Lo {
				t.Fatalf("mentions %d and %d overlap or are out of order: %+v %+v", k-1, k, ms[k-1], x)
			}
			in := false
			for _, r := range doc.Sentences {
				in = in || r.Lo <= x.Lo && x.Hi <= r.Hi
			}
			if !in {
				t.Fatalf("mention %+v crosses a sentence boundary", x)
			}
		}
	})
}
