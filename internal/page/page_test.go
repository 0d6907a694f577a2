package page

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// report renders a whole report of docs.
func report(t *testing.T, title string, docs ...any) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteReportHead(&buf, title))
	for _, d := range docs {
		require.NoError(t, WriteReportDoc(&buf, d))
	}
	require.NoError(t, WriteReportFoot(&buf))
	return buf.String()
}

// TestReportCSPHashesInlineElements checks that the report's CSP allows
// exactly the inline script and style element it carries: the SHA-256 of
// each element's content as written is in the policy.
func TestReportCSPHashesInlineElements(t *testing.T) {
	out := report(t, "t")
	csp := ReportCSP()
	assert.Contains(t, out, `<meta http-equiv="Content-Security-Policy" content="`)
	for _, tag := range []string{"script", "style"} {
		m := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(out, -1)
		require.Len(t, m, 1, "one inline %s element", tag)
		sum := sha256.Sum256([]byte(m[0][1]))
		assert.Contains(t, csp, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'", "%s hash in the CSP", tag)
	}
	assert.NotContains(t, csp, "unsafe-inline")
	assert.Contains(t, csp, "require-trusted-types-for 'script'")
	assert.NotContains(t, ServerCSP, "unsafe-inline")
}

// TestReportDocEscaping checks that a document's JSON cannot close its
// script element or open another, whatever the text holds, and that it
// decodes back to the same values.
func TestReportDocEscaping(t *testing.T) {
	text := "</script><script>window.x=1</script> <img src=x onerror=alert(1)> & <!-- \u2028 </SCRIPT >"
	doc := map[string]any{"text": text, "result": map[string]any{"id": "<b>id</b>"}}
	out := report(t, `<title> & "quotes"`, doc)
	assert.NotContains(t, out, "<img")
	assert.Contains(t, out, `<title>&lt;title&gt; &amp; &#34;quotes&#34;</title>`)
	m := regexp.MustCompile(`(?s)<script type="application/json" class="saywho-doc">(.*?)</script>`).FindStringSubmatch(out)
	require.NotNil(t, m)
	assert.NotContains(t, m[1], "<", "the JSON holds no markup character")
	var back map[string]any
	require.NoError(t, json.Unmarshal([]byte(m[1]), &back), m[1])
	assert.Equal(t, text, back["text"])
	assert.Equal(t, "<b>id</b>", back["result"].(map[string]any)["id"])
}

func TestInteractivePage(t *testing.T) {
	pg := string(Interactive())
	assert.Contains(t, pg, `<link rel="stylesheet" href="assets/app.css">`)
	assert.Contains(t, pg, `<script src="assets/app.js"></script>`)
	assert.Contains(t, pg, `<form id="input"`)
	assert.NotContains(t, pg, "Content-Security-Policy", "the server sends its CSP as a header")
	assert.NotContains(t, pg, "<style>")
	for _, name := range []string{"app.js", "app.css"} {
		b, ct, ok := Asset(name)
		require.True(t, ok, name)
		assert.NotEmpty(t, b)
		assert.Contains(t, ct, "charset=utf-8")
	}
	_, _, ok := Asset("page.html.tmpl")
	assert.False(t, ok, "the template is not an asset")
}

// TestScriptUsesNoMarkupSinks guards the script's rule: article text is
// only ever set as text. None of the DOM's markup sinks appear in it.
func TestScriptUsesNoMarkupSinks(t *testing.T) {
	js, _, _ := Asset("app.js")
	code := regexp.MustCompile(`(?m)^\s*//.*$`).ReplaceAll(js, nil) // drop comment lines
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "createContextualFragment", "srcdoc"} {
		assert.NotContains(t, string(code), sink)
	}
}
