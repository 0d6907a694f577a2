package main

import (
	"fmt"
	"io"
)

// STUB: replaced by the eval subcommand (corpus issue).
func runEval(args []string, out, errw io.Writer) int {
	fmt.Fprintln(errw, "saywho eval: not implemented yet")
	return 2
}
