package extract

import "io/fs"

// STUB: replaced by the trained NER model.
type nullRecognizer struct{}

func (nullRecognizer) recognize(*Document) []Entity { return nil }

func loadModelRecognizer(fsys fs.FS) (recognizer, error) { return nullRecognizer{}, nil }
