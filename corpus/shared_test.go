package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns ../shared/data relative to the repository root (the
// directory holding go.mod), or skips the test when it is absent: PolNeAR
// and CoNLL-2003 are not in the repository.
func sharedDir(t testing.TB, sub string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (it is outside the repository; see the corpus package doc): %v", p, err)
	}
	return p
}
