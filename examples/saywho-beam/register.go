package main

import (
	"context"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// The Beam SDK finds DoFns, element types, emitters and iterators on a
// worker by what the program registered at init, the SDK's documented way
// (register.DoFnNxM generates fast call paths instead of reflection).
func init() {
	for _, t := range []reflect.Type{
		reflect.TypeFor[document](), reflect.TypeFor[field](), reflect.TypeFor[deadLetter](), reflect.TypeFor[row](),
		reflect.TypeFor[speakerDoc](), reflect.TypeFor[speakerAcc](), reflect.TypeFor[aggregate](),
	} {
		beam.RegisterType(t)
	}

	register.DoFn4x1[context.Context, string, func(fileio.FileMetadata), func(deadLetter), error](&matchFn{})
	register.DoFn4x1[context.Context, fileio.FileMetadata, func(document), func(deadLetter), error](&readFn{})
	register.DoFn5x1[context.Context, document, func(row), func(string, speakerDoc), func(deadLetter), error](&analyzeFn{})
	register.Combiner3[speakerAcc, speakerDoc, aggregate](&speakerCombineFn{})
	register.Function2x2[string, aggregate, row, error](speakerRow)
	register.Function1x2[deadLetter, row, error](deadRow)
	register.DoFn2x0[row, func(int, row)](&shardFn{})
	register.DoFn2x0[[]byte, func(int, row)](&markFn{})
	register.DoFn3x1[context.Context, int, func(*row) bool, error](&writeFn{})

	register.Emitter1[fileio.FileMetadata]()
	register.Emitter1[document]()
	register.Emitter1[deadLetter]()
	register.Emitter1[row]()
	register.Emitter2[string, speakerDoc]()
	register.Emitter2[int, row]()
	register.Iter1[row]()
}
