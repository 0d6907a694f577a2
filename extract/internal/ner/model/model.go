// Package model embeds saywho's trained named-entity model.
//
// The file ner.model is written by the trainer; rebuild it from the
// repository root with:
//
//	go run ./extract/internal/ner/cmd/nertrain -conll ../shared/data/conll2003 -polnear ../shared/data/polnear -out extract/internal/ner/model/
package model

import (
	"embed"
	"io/fs"
)

// File is the name of the model file inside FS.
const File = "ner.model"

//go:embed ner.model
var files embed.FS

// FS returns the embedded model files. Reading it does not decode the model.
func FS() fs.FS { return files }
