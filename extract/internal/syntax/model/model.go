// Package model embeds saywho's trained part-of-speech tagger and
// dependency parser (see extract/internal/syntax). The model is derived
// from UD English EWT and licensed CC BY-SA 4.0: see LICENSE.md here.
//
// The file syntax.model is written by the trainer; rebuild it from the
// repository root with:
//
//	go run ./extract/internal/syntax/cmd/syntaxtrain -ud ../shared/data/ud-english-ewt -out extract/internal/syntax/model/
package model

import (
	"embed" // also for the string
	"io/fs"
)

// File is the name of the model file inside FS.
const File = "syntax.model"

//go:embed syntax.model
var files embed.FS

//go:embed syntax.model
var data string

// FS returns the embedded model files. Reading it does not decode the model.
func FS() fs.FS { return files }

// Data returns the embedded model file itself, without a copy.
func Data() string { return data }
