package extract

// STUB: replaced by the prose/v2 baseline recognizer.
type proseRecognizer struct{}

func (proseRecognizer) recognize(*Document) []Entity { return nil }
