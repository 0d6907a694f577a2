package seeds

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed articles
var articles embed.FS

// Seed is the name of the main seed article: a machine-translated news
// report on a US diplomat's visit to Belarus, noisy on purpose. It is the
// CLI's default input.
const Seed = "000_8cddab4abca9d9aa"

// FS returns the embedded articles as a file system rooted at the articles
// directory: NAME.txt, NAME.gold.json and SOURCES.md at its top level. The
// file system is read-only and safe for concurrent use.
func FS() fs.FS {
	sub, err := fs.Sub(articles, "articles")
	if err != nil {
		// fs.Sub fails only on an invalid path, which "articles" is not.
		panic("seeds: " + err.Error())
	}
	return sub
}

// Names returns the names of the embedded articles (file names without
// ".txt"), sorted. The slice is newly allocated on each call.
func Names() []string {
	entries, err := fs.ReadDir(articles, "articles")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".txt"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// Text returns the text of the embedded article name, exactly as stored.
// The error names the article when it does not exist.
func Text(name string) (string, error) {
	b, err := articles.ReadFile(path.Join("articles", name+".txt"))
	if err != nil {
		return "", fmt.Errorf("seeds: no embedded article %q (have %s): %w", name, strings.Join(Names(), ", "), err)
	}
	return string(b), nil
}

// Gold returns the raw gold annotation (saywho-gold/1 JSON) of the embedded
// article name; package corpus decodes it. The error names the article when
// it has no gold file.
func Gold(name string) ([]byte, error) {
	b, err := articles.ReadFile(path.Join("articles", name+".gold.json"))
	if err != nil {
		return nil, fmt.Errorf("seeds: no gold annotation for %q: %w", name, err)
	}
	return b, nil
}
