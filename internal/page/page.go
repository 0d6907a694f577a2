// Package page holds saywho's who-said-what page, embedded: its template,
// style sheet and script. It renders the page two ways from the same
// parts: the interactive page of `saywho serve`, which links the script
// and style sheet (served by the server from [Asset]) and gets its Results
// from the API, and a static report (`saywho -format html`), which inlines
// them, carries its own Content-Security-Policy allowing exactly those two
// by hash ([ReportCSP]), and embeds each document as JSON.
//
// The page computes nothing about the text: it shows the Results it is
// given. Text is escaped by construction: html/template escapes every value
// for its context, a document's JSON is escaped for a script element (so
// "</script>" in an article cannot end it), and the script builds the
// highlighted text from text nodes only; both CSPs require Trusted Types, so
// an innerHTML assignment would throw.
//
// The package imports nothing of saywho's, so the root package (whose html
// writer uses it) and the server can both import it.
package page

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"sync"
)

//go:embed assets/app.js assets/app.css assets/page.html.tmpl
var assets embed.FS

// ServerCSP is the Content-Security-Policy of the interactive page: its
// script, style sheet and API calls come from its own origin only, nothing
// may frame it, and Trusted Types are required (no markup from strings).
const ServerCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'"

// parts holds what is decoded once: the template, the assets and the
// report's CSP.
type parts struct {
	tmpl     *template.Template
	js, css  []byte
	report   string // the report's CSP
	serverPg []byte // the interactive page, rendered
}

var load = sync.OnceValues(func() (*parts, error) {
	p := &parts{}
	var err error
	if p.js, err = assets.ReadFile("assets/app.js"); err != nil {
		return nil, err
	}
	if p.css, err = assets.ReadFile("assets/app.css"); err != nil {
		return nil, err
	}
	if bytes.Contains(bytes.ToLower(p.js), []byte("</script")) || bytes.Contains(bytes.ToLower(p.css), []byte("</style")) {
		return nil, fmt.Errorf("page: an asset contains a closing tag and cannot be inlined")
	}
	if p.tmpl, err = template.ParseFS(assets, "assets/page.html.tmpl"); err != nil {
		return nil, err
	}
	p.report = "default-src 'none'; script-src " + hash(p.js) + "; style-src " + hash(p.css) +
		"; img-src 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'"
	var buf bytes.Buffer
	if err := p.exec(&buf, "head", false, "saywho: who said what"); err != nil {
		return nil, err
	}
	if err := p.exec(&buf, "foot", false, ""); err != nil {
		return nil, err
	}
	p.serverPg = buf.Bytes()
	return p, nil
})

// hash is a CSP source expression for an inline element of content b.
func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// pageData is what head and foot are executed with.
type pageData struct {
	Inline bool
	Title  string
	CSP    string
	CSS    template.CSS // trusted: our own embedded style sheet
	JS     template.JS  // trusted: our own embedded script
}

func (p *parts) exec(w io.Writer, name string, inline bool, title string) error {
	d := pageData{Inline: inline, Title: title}
	if inline {
		d.CSP, d.CSS, d.JS = p.report, template.CSS(p.css), template.JS(p.js)
	}
	return p.tmpl.ExecuteTemplate(w, name, d)
}

func get() *parts {
	p, err := load()
	if err != nil {
		// The assets are embedded and checked by the tests: a failure is a
		// broken build, not bad input.
		panic("page: embedded assets are broken: " + err.Error())
	}
	return p
}

// Interactive returns the server's page: HTML that links assets/app.css and
// assets/app.js relative to its own URL, to be served with ServerCSP. It is
// rendered once; the slice is shared and must not be modified.
func Interactive() []byte { return get().serverPg }

// Asset returns the embedded asset name ("app.js" or "app.css") with its
// Content-Type, or ok false for any other name. The slice is shared and
// must not be modified.
func Asset(name string) (b []byte, contentType string, ok bool) {
	p := get()
	switch name {
	case "app.js":
		return p.js, "text/javascript; charset=utf-8", true
	case "app.css":
		return p.css, "text/css; charset=utf-8", true
	}
	return nil, "", false
}

// ReportCSP returns the Content-Security-Policy that a static report
// carries in a meta element: its inline script and style sheet by SHA-256,
// nothing else.
func ReportCSP() string { return get().report }

// WriteReportHead writes the start of a static report titled title: up to
// the container of the documents, with the style sheet inline.
func WriteReportHead(w io.Writer, title string) error {
	return get().exec(w, "head", true, title)
}

// WriteReportDoc writes one document of a report: doc (any value that
// encoding/json encodes to {"text": …, "result": …}) as JSON in a
// <script type="application/json" class="saywho-doc">, escaped so that
// nothing in it can close the element (<, > and & become \u003c, \u003e,
// \u0026).
func WriteReportDoc(w io.Writer, doc any) error {
	return get().tmpl.ExecuteTemplate(w, "doc", doc)
}

// WriteReportFoot writes the end of a report, with the script inline.
func WriteReportFoot(w io.Writer) error {
	return get().exec(w, "foot", true, "")
}
