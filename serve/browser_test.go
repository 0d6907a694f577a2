package serve_test

// The browser test drives Debian's chromium, headless, against the server
// on 127.0.0.1 and checks what a person sees: which stretches of the text
// are highlighted after selecting a speaker, that an article full of markup
// runs none of it, that the page works from the keyboard and on a narrow
// screen, and that the static report shows the same view. Expected claims
// come from the Result the API returns, never from fixed counts or offsets.
//
// Without chromium the test skips, unless SAYWHO_REQUIRE_BROWSER is set
// (.ci/run sets it), when it fails. SAYWHO_CHROMIUM names the browser;
// SAYWHO_ARTIFACTS the directory for the screenshots and the report
// (a directory under the system's temporary one by default).
//
// The README's screenshot is made by
//
//	go test ./serve -run 'TestBrowser/seed' -screenshot "$PWD/docs/serve-seed.png"

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/saywho/saywho"
	pagepkg "github.com/saywho/saywho/internal/page"
	"github.com/saywho/saywho/serve"
)

var screenshotFlag = flag.String("screenshot", "", "also write the screenshot of the seed article with Tatyana Khomich selected to this PNG file (the README's)")

// chromiumPath finds the browser, or skips (fails when it is required).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SAYWHO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium on PATH (apt-get install -y chromium, or set SAYWHO_CHROMIUM): the browser test did not run"
	if os.Getenv("SAYWHO_REQUIRE_BROWSER") != "" {
		t.Fatal(msg + "; SAYWHO_REQUIRE_BROWSER is set, so it must")
	}
	t.Skip(msg)
	return ""
}

// artifactDir is where the screenshots and the report go.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SAYWHO_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "saywho-test-artifacts")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// browser is a headless chromium with what its pages did that they should
// not: dialogs opened, exceptions thrown, console errors (a CSP refusal is
// one).
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	dialogs []string
	errors  []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.NoSandbox, chromedp.DisableGPU,
		// This machine's network refuses Chromium's own connections.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b := &browser{ctx: ctx}
	require.NoError(t, chromedp.Do(ctx), "starting chromium") // no timeout: it would stop the browser
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, fmt.Sprintf("%s: %s", ev.Type, ev.Message))
			b.mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				b.mu.Lock()
				b.errors = append(b.errors, m.String())
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// clean checks that no page opened a dialog or reported an error so far.
func (b *browser) clean(t *testing.T) {
	t.Helper()
	time.Sleep(50 * time.Millisecond) // let the event goroutines catch up
	b.mu.Lock()
	defer b.mu.Unlock()
	assert.Empty(t, b.dialogs, "dialogs opened")
	assert.Empty(t, b.errors, "page errors")
}

// do runs actions with a deadline.
func (b *browser) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, actions...))
}

// eval evaluates a script in the page and decodes its value into T.
func eval[T any](t *testing.T, b *browser, script string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	require.NoError(t, err, "evaluating %s", script)
	return v
}

// screenshot saves what the browser shows as dir/name.
func (b *browser) screenshot(t *testing.T, dir, name string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, png, 0o644))
	t.Logf("screenshot: %s", p)
	return png
}

// analyse pastes text into the page's box as a paste would (Input.insertText)
// and presses Analyse, then waits for the speaker panel. It returns the
// text the page holds, which is what it sent.
func (b *browser) analyse(t *testing.T, url, text string) string {
	t.Helper()
	b.do(t,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.ID("text")),
		chromedp.Focus(chromedp.ID("text")),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text})
			return err
		}),
		chromedp.Click(chromedp.ID("analyze")),
		chromedp.WaitVisible(chromedp.CSS(".doc .panel h3")),
	)
	return eval[string](t, b, `document.getElementById('text').value`)
}

// apiResult is what POST /v1/analyze?offsets=chars gives for the text, as
// the page asks for it.
func apiResult(t *testing.T, url, text string) saywho.Result {
	t.Helper()
	body, err := json.Marshal(map[string]string{"id": "pasted article", "text": text})
	require.NoError(t, err)
	res := call(t, "POST", url+"/v1/analyze?offsets=chars", strings.NewReader(string(body)), "Content-Type", "application/json")
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var r saywho.Result
	require.NoError(t, json.Unmarshal(res.body, &r))
	return r
}

// wantRuns are the stretches of text a person should see highlighted when
// the claims of speaker are selected: their content spans (character
// offsets), touching or overlapping ones merged, in text order.
func wantRuns(text string, r saywho.Result, speaker string) []string {
	type iv struct{ lo, hi int }
	var ivs []iv
	for _, c := range r.Claims {
		if c.Speaker == nil || strings.Join(strings.Fields(c.Speaker.Name), " ") != speaker {
			continue
		}
		for _, s := range c.Content {
			if s.End > s.Start {
				ivs = append(ivs, iv{s.Start, s.End})
			}
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].lo < ivs[j].lo })
	cps := []rune(text)
	var runs []string
	for i := 0; i < len(ivs); {
		lo, hi := ivs[i].lo, ivs[i].hi
		for i++; i < len(ivs) && ivs[i].lo <= hi; i++ {
			hi = max(hi, ivs[i].hi)
		}
		runs = append(runs, string(cps[lo:hi]))
	}
	return runs
}

// seen is what the page shows of a selection.
type seen struct {
	Runs     []string `json:"runs"`     // highlighted stretches of the text, in order
	SelBG    string   `json:"selBG"`    // background of a highlighted stretch
	QuoteBG  string   `json:"quoteBG"`  // background of a quotation not highlighted
	SelLine  string   `json:"selLine"`  // its bottom border, the mark that is not colour
	Pressed  []string `json:"pressed"`  // the speaker buttons shown pressed
	Status   string   `json:"status"`   // the panel's status line
	Articles int      `json:"articles"` // documents on the page
}

// seenJS collects what the page shows in the document section sel: the
// highlighted stretches of its text (contiguous highlighted segments
// joined), and the styles that make them stand out.
const seenJS = `((sel) => {
  const doc = document.querySelector(sel);
  const art = doc.querySelector('.article');
  const runs = [];
  let open = false;
  for (const n of art.childNodes) {
    const lit = n.nodeType === 1 && n.classList.contains('sel');
    if (lit && open) runs[runs.length - 1] += n.textContent;
    else if (lit) runs.push(n.textContent);
    open = lit;
  }
  const lit = art.querySelector('.sel');
  const quote = art.querySelector('.q:not(.sel)');
  return {
    runs,
    selBG: lit ? getComputedStyle(lit).backgroundColor : '',
    quoteBG: quote ? getComputedStyle(quote).backgroundColor : '',
    selLine: lit ? getComputedStyle(lit).borderBottomStyle + ' ' + getComputedStyle(lit).borderBottomWidth : '',
    pressed: [...doc.querySelectorAll('.speaker-btn[aria-pressed="true"] .name')].map((e) => e.textContent),
    status: doc.querySelector('.sel-status').textContent,
    articles: document.querySelectorAll('.doc').length,
  };
})(%q)`

func (b *browser) seen(t *testing.T, docSel string) seen {
	t.Helper()
	return eval[seen](t, b, fmt.Sprintf(seenJS, docSel))
}

// speakerButton is the XPath of the speaker button whose visible name is
// name, in the document section number n (from 1).
func speakerButton(n int, name string) string {
	return fmt.Sprintf(`(//section[contains(@class,"doc")])[%d]//button[contains(@class,"speaker-btn")][span[@class="name"][normalize-space()=%q]]`, n, name)
}

// checkSelection checks that exactly the claims of speaker are highlighted
// in document n, and visibly so.
func checkSelection(t *testing.T, b *browser, n int, text string, r saywho.Result, speaker string) {
	t.Helper()
	want := wantRuns(text, r, speaker)
	require.NotEmpty(t, want, "the Result has no claim of %s: nothing to check", speaker)
	got := b.seen(t, fmt.Sprintf(".doc:nth-of-type(%d)", n))
	assert.Equal(t, want, got.Runs, "highlighted text after selecting %s", speaker)
	assert.Equal(t, []string{speaker}, got.Pressed)
	assert.NotEqual(t, got.QuoteBG, got.SelBG, "a highlighted claim looks different from other quotations")
	assert.Equal(t, "solid 3px", got.SelLine, "the highlight is marked by more than colour")
	assert.Contains(t, got.Status, speaker)
}

func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	ts, _ := newServer(t, serve.Config{})
	require.True(t, strings.HasPrefix(ts.URL, "http://127.0.0.1:"), ts.URL)
	dir := artifactDir(t)
	seed := seedText(t)
	xssBytes, err := os.ReadFile("testdata/xss.txt")
	require.NoError(t, err)
	xss := string(xssBytes)

	t.Run("seed", func(t *testing.T) {
		const speaker = "Tatyana Khomich"
		text := b.analyse(t, ts.URL, seed)
		require.Equal(t, seed, text, "the page holds the pasted article as it is")
		r := apiResult(t, ts.URL, text)

		// Reach her button with the keyboard: Tab through the page, then Enter.
		btn := speakerButton(1, speaker)
		found := false
		for range 400 {
			b.do(t, chromedp.KeyEvent(kb.Tab))
			if eval[bool](t, b, fmt.Sprintf(`document.activeElement === document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue`, btn)) {
				found = true
				break
			}
		}
		require.True(t, found, "Tab never reached the button of %s", speaker)
		outline := eval[string](t, b, `getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth`)
		assert.Equal(t, "solid 3px", outline, "focus is visible")
		b.do(t, chromedp.KeyEvent(kb.Enter))
		checkSelection(t, b, 1, text, r, speaker)

		// Her claims show their kind and confidence in the panel.
		meta := eval[[]string](t, b, fmt.Sprintf(`[...document.evaluate(%q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.closest('.speaker').querySelectorAll('.meta dt')].map((e) => e.textContent)`, btn))
		assert.Contains(t, meta, "kind")
		assert.Contains(t, meta, "confidence")

		// The picture: her first claim mid-screen, her group at the top of the panel.
		b.do(t, chromedp.EmulateViewport(1280, 860),
			chromedp.Evaluate[chromedp.Void](`(() => {
				document.querySelector('.article .sel').scrollIntoView({block: 'center'});
				const btn = document.activeElement, panel = btn.closest('.panel');
				panel.scrollTop += btn.getBoundingClientRect().top - panel.getBoundingClientRect().top - 90;
			})()`))
		png := b.screenshot(t, dir, "serve-seed.png")
		b.do(t, clearViewport)
		if *screenshotFlag != "" {
			require.NoError(t, os.WriteFile(*screenshotFlag, png, 0o644))
			t.Logf("README screenshot written to %s", *screenshotFlag)
		}

		// Space on the pressed button clears the selection.
		b.do(t, chromedp.KeyEvent(" "))
		got := b.seen(t, ".doc")
		assert.Empty(t, got.Runs, "nothing highlighted after deselecting")
		assert.Empty(t, got.Pressed)

		// The mouse works too, on the speaker with the most claims.
		top := eval[string](t, b, `document.querySelector('.speaker-btn .name').textContent`)
		b.do(t, chromedp.Click(speakerButton(1, top)))
		checkSelection(t, b, 1, text, r, top)
		b.clean(t)
	})

	t.Run("xss article runs nothing", func(t *testing.T) {
		b.do(t, chromedp.Navigate(ts.URL), chromedp.WaitVisible(chromedp.ID("file")))
		abs, err := filepath.Abs("testdata/xss.txt")
		require.NoError(t, err)
		// Open the article as a file this time.
		b.do(t,
			chromedp.SetUploadFiles(chromedp.ID("file"), []string{abs}),
			chromedp.Poll[chromedp.Void](`document.getElementById('text').value.length > 0`),
			chromedp.Click(chromedp.ID("analyze")),
			chromedp.WaitVisible(chromedp.CSS(".doc .panel h3")),
		)
		checkInert(t, b, xss, 1)
		r := apiResult(t, ts.URL, xss)
		for _, c := range r.Claims {
			if c.Speaker != nil {
				b.do(t, chromedp.Click(speakerButton(1, strings.Join(strings.Fields(c.Speaker.Name), " "))))
				checkSelection(t, b, 1, xss, r, strings.Join(strings.Fields(c.Speaker.Name), " "))
				break
			}
		}
		b.do(t, chromedp.MouseClickXY(400, 400)) // hover and click over the text: no handler exists to fire
		checkInert(t, b, xss, 1)
		b.screenshot(t, dir, "serve-xss.png")
		b.clean(t)
	})

	t.Run("drop a file, contrast", func(t *testing.T) {
		b.do(t, chromedp.Navigate(ts.URL), chromedp.WaitVisible(chromedp.ID("text")))
		// A file dropped on the box: the drop event a browser sends.
		b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const dt = new DataTransfer();
			dt.items.add(new File([%q], 'dropped.txt', {type: 'text/plain'}));
			document.getElementById('text').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
		})()`, seed)),
			chromedp.Poll[chromedp.Void](`document.getElementById('text').value.length > 0`))
		assert.Equal(t, seed, eval[string](t, b, `document.getElementById('text').value`))
		b.do(t, chromedp.Click(chromedp.ID("analyze")), chromedp.WaitVisible(chromedp.CSS(".doc .panel h3")))
		assert.Equal(t, "dropped.txt", eval[string](t, b, `document.querySelector('.doc h2').textContent`), "the file's name is the id")
		b.do(t, chromedp.Click(speakerButton(1, "Tatyana Khomich")))

		// WCAG AA: every kind of text on the page against its background.
		worst := eval[struct {
			Ratio float64 `json:"ratio"`
			What  string  `json:"what"`
		}](t, b, contrastJS)
		assert.GreaterOrEqual(t, worst.Ratio, 4.5, "contrast of %s", worst.What)
		t.Logf("lowest text contrast on the page: %.1f:1 (%s)", worst.Ratio, worst.What)
		b.clean(t)
	})

	t.Run("narrow screen", func(t *testing.T) {
		b.analyse(t, ts.URL, seed)
		b.do(t, chromedp.EmulateViewport(390, 844))
		defer b.do(t, clearViewport)
		layout := eval[struct {
			OneColumn bool `json:"oneColumn"`
			Overflow  int  `json:"overflow"`
		}](t, b, `(() => {
			const a = document.querySelector('.article').getBoundingClientRect();
			const p = document.querySelector('.panel').getBoundingClientRect();
			return {oneColumn: p.top >= a.bottom - 1, overflow: document.documentElement.scrollWidth - window.innerWidth};
		})()`)
		assert.True(t, layout.OneColumn, "under 700px the panel goes below the text")
		assert.LessOrEqual(t, layout.Overflow, 0, "no sideways scrolling")
		b.screenshot(t, dir, "serve-narrow.png")
	})

	t.Run("static report", func(t *testing.T) {
		var report strings.Builder
		w := saywho.NewWriter(&report, saywho.FormatHTML, saywho.WriteOptions{})
		var rs []saywho.Result
		for _, d := range []struct{ id, text string }{{"seed", seed}, {"xss", xss}} {
			r, err := saywho.Default().Analyze(context.Background(), d.id, d.text)
			require.NoError(t, err)
			require.NoError(t, w.Write(r))
			c, err := r.WithOffsets(saywho.Chars)
			require.NoError(t, err)
			rs = append(rs, c)
		}
		require.NoError(t, w.Close())
		p := filepath.Join(dir, "report.html")
		require.NoError(t, os.WriteFile(p, []byte(report.String()), 0o644))
		t.Logf("report: %s", p)
		// Served with no header of ours: the page's own CSP (by hash) applies.
		rsrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, report.String())
		}))
		defer rsrv.Close()
		b.do(t, chromedp.Navigate(rsrv.URL), chromedp.WaitVisible(chromedp.CSS(".doc:nth-of-type(2) .panel h3")))
		assert.Equal(t, 2, b.seen(t, ".doc").Articles)
		assert.False(t, eval[bool](t, b, `!!document.getElementById('input')`), "a report has no form")
		b.do(t, chromedp.Click(speakerButton(1, "Tatyana Khomich")))
		checkSelection(t, b, 1, seed, rs[0], "Tatyana Khomich")
		checkInert(t, b, xss, 2)
		b.screenshot(t, dir, "report.png")
		b.clean(t)
	})

	// A Result from a newer saywho (claims with a speaker kind, a rule and
	// fields this page does not know) in byte offsets: the page converts
	// the offsets, shows the new fields and ignores what it cannot show.
	t.Run("newer result, byte offsets", func(t *testing.T) {
		r, err := saywho.Default().Analyze(context.Background(), "seed", seed)
		require.NoError(t, err)
		raw, err := r.MarshalJSON()
		require.NoError(t, err)
		var res map[string]any
		require.NoError(t, json.Unmarshal(raw, &res))
		require.Equal(t, "bytes", res["offsets"])
		for _, c := range res["claims"].([]any) {
			c := c.(map[string]any)
			c["rule"] = "S7-appositive"
			c["future_score"] = 0.5
			c["future_object"] = map[string]any{"nested": []any{1, 2}}
			if sp, ok := c["speaker"].(map[string]any); ok {
				sp["kind"] = "person"
			}
		}
		res["tokens"] = []any{map[string]any{"start": 0, "end": 1, "pos": "NN", "head": -1}}
		var buf strings.Builder
		require.NoError(t, pagepkg.WriteReportHead(&buf, "newer"))
		require.NoError(t, pagepkg.WriteReportDoc(&buf, map[string]any{"text": seed, "result": res}))
		require.NoError(t, pagepkg.WriteReportFoot(&buf))
		rsrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, buf.String())
		}))
		defer rsrv.Close()
		b.do(t, chromedp.Navigate(rsrv.URL), chromedp.WaitVisible(chromedp.CSS(".doc .panel h3")))
		b.do(t, chromedp.Click(speakerButton(1, "Tatyana Khomich")))
		chars, err := r.WithOffsets(saywho.Chars)
		require.NoError(t, err)
		checkSelection(t, b, 1, seed, chars, "Tatyana Khomich")
		meta := eval[[]string](t, b, `[...document.querySelector('.speaker-btn[aria-pressed="true"]').closest('.speaker').querySelectorAll('.meta div')].map((e) => e.querySelector('dt').textContent + '=' + e.querySelector('dd').textContent)`)
		for _, want := range []string{"rule=S7-appositive", "speaker kind=person", "future score=0.5", "kind=", "confidence="} {
			assert.True(t, slices.ContainsFunc(meta, func(s string) bool { return strings.HasPrefix(s, want) }), "%q among %q", want, meta)
		}
		assert.False(t, slices.ContainsFunc(meta, func(s string) bool { return strings.Contains(s, "future object") }), "objects are not shown")
		b.clean(t)
	})
}

// clearViewport ends a viewport emulation: the page has the window's size again.
var clearViewport = chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
	_, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
	return err
})

// checkInert checks that document n of the page shows the XSS article as
// text and that none of its markup became an element or ran.
func checkInert(t *testing.T, b *browser, text string, n int) {
	t.Helper()
	got := eval[struct {
		Flag     string   `json:"flag"`
		Text     string   `json:"text"`
		Foreign  []string `json:"foreign"`
		Scripts  int      `json:"scripts"`
		Hidden   bool     `json:"hidden"`
		Elements []string `json:"elements"`
	}](t, b, fmt.Sprintf(`(() => {
		const art = document.querySelector('.doc:nth-of-type(%d) .article');
		return {
			flag: String(window.__saywhoXSS === undefined ? '' : window.__saywhoXSS),
			text: art.textContent,
			foreign: [...art.querySelectorAll('*')].filter((e) => !(e.tagName === 'SPAN' && e.classList.contains('seg'))).map((e) => e.tagName),
			scripts: document.querySelectorAll('script:not(.saywho-doc)').length,
			hidden: getComputedStyle(document.body).display === 'none',
			elements: [...document.querySelectorAll('img, svg, iframe, a:not(.skip), b, i, body style')].map((e) => e.tagName),
		};
	})()`, n))
	assert.Empty(t, got.Flag, "a payload ran")
	assert.Equal(t, text, got.Text, "the article is shown as text, exactly")
	assert.Empty(t, got.Foreign, "markup of the article became elements")
	assert.Equal(t, 1, got.Scripts, "only the page's own script")
	assert.False(t, got.Hidden, "the article's <style> applied")
	assert.Empty(t, got.Elements, "elements from the article")
}

// contrastJS computes the WCAG contrast ratio of the text of every element
// that shows text (and of the entity labels drawn by ::after) against the
// background behind it, and returns the lowest with what it was.
const contrastJS = `(() => {
  const parse = (c) => { const m = c.match(/[\d.]+/g) || [0, 0, 0, 0]; return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const ratio = (fg, bg) => { const a = lum(fg) + 0.05, b = lum(bg) + 0.05; return a > b ? a / b : b / a; };
  let worst = {ratio: 99, what: ''};
  const check = (el, pseudo) => {
    const st = getComputedStyle(el, pseudo);
    if (st.visibility === 'hidden' || st.display === 'none') return;
    const bg = pseudo ? (parse(st.backgroundColor)[3] > 0 ? parse(st.backgroundColor) : background(el)) : background(el);
    const r = ratio(parse(st.color), bg);
    if (r < worst.ratio) worst = {ratio: r, what: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + (pseudo || '') + ' "' + (pseudo ? st.content : el.textContent).slice(0, 30) + '"'};
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('[hidden]') || el.tagName === 'SCRIPT') continue;
    if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) check(el);
    if (el.classList.contains('ent-end')) check(el, '::after');
  }
  return worst;
})()`
