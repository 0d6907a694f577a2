// Package model embeds saywho's trained named-entity model.
//
// The file ner.model is written by the trainer; rebuild it, and the
// train-only model in trainonly/ (not embedded: it is the model whose
// CoNLL-2003 dev figure is reported), from the repository root with:
//
//	go run ./extract/internal/ner/cmd/nertrain -split train+dev -out extract/internal/ner/model/
//	go run ./extract/internal/ner/cmd/nertrain -split train -out extract/internal/ner/model/trainonly/
package model

import _ "embed"

// File is the name of the model file.
const File = "ner.model"

//go:embed ner.model
var data string

// Data returns the embedded model file. The string is the binary's own
// copy of the file: reading it costs nothing, and ner.DecodeString uses
// it in place.
func Data() string { return data }
