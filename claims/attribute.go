package claims

import (
	"sync"

	"github.com/saywho/saywho/extract"
)

// STUB: replaced by the real attributor.

// Attributor finds claims in Documents. Build one with New; it never changes
// after New and is safe for concurrent use.
type Attributor struct{}

// Option configures an Attributor built by New.
type Option func(*Attributor)

// New returns an Attributor configured by opts.
func New(opts ...Option) (*Attributor, error) {
	a := &Attributor{}
	for _, o := range opts {
		o(a)
	}
	return a, nil
}

var defaultAttributor = sync.OnceValues(func() (*Attributor, error) { return New() })

// Default returns the shared Attributor with default options.
func Default() *Attributor {
	a, err := defaultAttributor()
	if err != nil {
		panic("claims: embedded model is broken: " + err.Error())
	}
	return a
}

// Attribute finds the claims of doc with the Default attributor.
func Attribute(doc *extract.Document) []Claim { return Default().Attribute(doc) }

// Attribute returns the claims of doc in text order.
func (a *Attributor) Attribute(doc *extract.Document) []Claim { return nil }
