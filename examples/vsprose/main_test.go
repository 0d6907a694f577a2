package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTextFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.txt", "c.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("The mayor said it."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := textFiles([]string{dir})
	if err != nil {
		t.Fatalf("textFiles(%q): %v", dir, err)
	}
	want := []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("textFiles(%q) = %v, want %v", dir, got, want)
	}
	if _, err := textFiles([]string{filepath.Join(dir, "missing")}); err == nil {
		t.Error("textFiles(missing) gave no error")
	}
}

func TestProseChild(t *testing.T) {
	if testing.Short() {
		t.Skip("prose decodes its models (about a second)")
	}
	f := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(f, []byte("Mayor Ana Ruiz said the bridge would open in Paris."), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errw bytes.Buffer
	if code := run([]string{"-prose-child", f}, &out, &errw); code != 0 {
		t.Fatalf("run -prose-child = %d, stderr %q", code, errw.String())
	}
	if !strings.HasPrefix(out.String(), "prose: ") || strings.Contains(out.String(), " 0 tokens") {
		t.Errorf("run -prose-child printed %q, want a token and entity count", out.String())
	}
}

func TestUsage(t *testing.T) {
	var out, errw bytes.Buffer
	if code := run([]string{t.TempDir()}, &out, &errw); code != 1 && code != 2 {
		t.Errorf("run without -saywho = %d, want 1 or 2 (stderr %q)", code, errw.String())
	}
}
