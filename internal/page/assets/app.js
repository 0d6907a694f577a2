// saywho page script. It shows saywho Results; it computes nothing about
// the text. On the server's page it sends the article to POST
// v1/analyze?offsets=chars and renders the Result; in a static report
// (saywho -format html) it renders the documents embedded as JSON,
// {"text", "result"}, in script elements of class saywho-doc.
//
// Safety: article text only ever reaches the page as text nodes
// (textContent, append of strings), never as markup; the page's CSP also
// requires Trusted Types, so an innerHTML assignment would throw.
//
// Offsets: a span's start and end count code points ("chars") or UTF-8
// bytes ("bytes"); both are converted to indices into Array.from(text), and
// a span whose text does not match the text it points to is left out (with
// a console warning) rather than shown in the wrong place. Fields this
// script does not know are shown in a claim's details when they are plain
// values, and ignored otherwise.
'use strict';
(function () {
  const LABELS = { PERSON: 'PER', PER: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };
  const KNOWN_CLAIM = new Set(['kind', 'content', 'cue', 'source', 'speaker', 'confidence', 'paragraph',
    'sentence', 'continuation', 'rule', 'speaker_kind']);
  const KNOWN_SPEAKER = new Set(['name', 'person', 'description', 'kind']);
  let docCount = 0;

  // h builds an element: props set attributes (class, text for
  // textContent); children are nodes or strings (appended as text).
  function h(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c !== null && c !== undefined && c !== false) e.append(c);
    }
    return e;
  }

  // converter returns a function from a Result offset to an index into
  // cps (the text's code points), or -1 for an offset inside a character.
  function converter(cps, unit) {
    if (unit !== 'bytes') return (i) => i;
    const at = new Map();
    let b = 0;
    for (let i = 0; i < cps.length; i++) {
      at.set(b, i);
      const c = cps[i].codePointAt(0);
      b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    at.set(b, cps.length);
    return (off) => (at.has(off) ? at.get(off) : -1);
  }

  // spanOf checks a Result span against the text and returns its
  // code-point range, or null.
  function spanOf(cps, conv, s, what) {
    if (!s || typeof s !== 'object') return null;
    const start = conv(s.start);
    const end = conv(s.end);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > cps.length) {
      console.warn('saywho: %s span [%s, %s) is outside the text; not shown', what, s.start, s.end);
      return null;
    }
    if (typeof s.text === 'string' && cps.slice(start, end).join('') !== s.text) {
      console.warn('saywho: %s span [%s, %s) does not cover its text; not shown', what, s.start, s.end);
      return null;
    }
    return { start, end };
  }

  function speakerName(c) {
    const n = c && c.speaker && typeof c.speaker.name === 'string' ? c.speaker.name : '';
    return n.trim().split(/\s+/).filter(Boolean).join(' ');
  }

  function speakerKind(c) {
    if (typeof c.speaker_kind === 'string') return c.speaker_kind;
    if (c.speaker && typeof c.speaker.kind === 'string') return c.speaker.kind;
    return '';
  }

  function shorten(s, n) {
    const t = String(s).split(/\s+/).filter(Boolean).join(' ');
    const cps = Array.from(t);
    return cps.length <= n ? t : cps.slice(0, n - 1).join('') + '…';
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  // renderText appends the text to article as text nodes and segment
  // spans, one span per stretch of text covered by the same highlights.
  // It returns, per claim index, its content, cue and source segments.
  function renderText(article, cps, conv, result) {
    const marks = [];
    const entities = Array.isArray(result.entities) ? result.entities : [];
    const claims = Array.isArray(result.claims) ? result.claims : [];
    entities.forEach((e, i) => {
      const s = spanOf(cps, conv, e, 'entity');
      if (s && s.end > s.start) marks.push({ ...s, kind: 'ent', i, label: LABELS[e.label] || String(e.label || '?'), title: String(e.label || '') });
    });
    claims.forEach((c, i) => {
      (Array.isArray(c.content) ? c.content : []).forEach((p) => {
        const s = spanOf(cps, conv, p, 'content');
        if (s && s.end > s.start) marks.push({ ...s, kind: 'q', i });
      });
      for (const kind of ['cue', 'src']) {
        const s = spanOf(cps, conv, kind === 'cue' ? c.cue : c.source, kind === 'cue' ? 'cue' : 'source');
        if (s && s.end > s.start) marks.push({ ...s, kind, i });
      }
    });
    const cuts = new Set([0, cps.length]);
    const startsAt = new Map();
    for (const m of marks) {
      cuts.add(m.start);
      cuts.add(m.end);
      if (!startsAt.has(m.start)) startsAt.set(m.start, []);
      startsAt.get(m.start).push(m);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const byClaim = claims.map(() => ({ q: [], cue: [], src: [] }));
    let active = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      active = active.filter((m) => m.end > a).concat(startsAt.get(a) || []);
      const piece = cps.slice(a, b).join('');
      if (active.length === 0) {
        article.append(piece);
        continue;
      }
      const cls = ['seg'];
      const qs = [];
      let title = '';
      for (const m of active) {
        if (m.kind === 'ent') {
          cls.push('ent');
          title = m.title + (title ? '; ' + title : '');
          if (m.end === b) cls.push('ent-end');
        } else if (m.kind === 'q') {
          cls.push('q');
          qs.push(m.i);
        } else if (m.kind === 'cue') {
          cls.push('cue');
        } else if (m.kind === 'src') {
          cls.push('src');
          if (m.start === a) cls.push('src-start');
          if (m.end === b) cls.push('src-end');
        }
      }
      const seg = h('span', { class: [...new Set(cls)].join(' '), text: piece });
      const ent = active.find((m) => m.kind === 'ent' && m.end === b);
      if (ent) seg.setAttribute('data-label', ent.label);
      if (title) seg.title = title;
      if (qs.length) seg.setAttribute('data-claims', qs.join(' '));
      for (const m of active) {
        if (m.kind !== 'ent') byClaim[m.i][m.kind].push(seg);
      }
      article.append(seg);
    }
    return byClaim;
  }

  // details lists what is known about claim c: kind, speaker kind,
  // confidence, rule, cue, source and any other plain field.
  function details(c) {
    const dl = h('dl', { class: 'meta' });
    const add = (k, v) => dl.append(h('div', null, h('dt', { text: k }), h('dd', { text: v })));
    if (c.kind !== undefined) add('kind', c.kind);
    const sk = speakerKind(c);
    if (sk) add('speaker kind', sk);
    if (typeof c.confidence === 'number') add('confidence', c.confidence.toFixed(2));
    if (c.rule !== undefined && c.rule !== null && c.rule !== '') add('rule', typeof c.rule === 'object' ? JSON.stringify(c.rule) : c.rule);
    if (c.cue && typeof c.cue.text === 'string') add('cue', c.cue.text);
    if (c.source && typeof c.source.text === 'string') add('source', shorten(c.source.text, 60));
    if (c.continuation === true) add('continues', 'the claim before');
    for (const [k, v] of Object.entries(c)) {
      if (!KNOWN_CLAIM.has(k) && v !== null && typeof v !== 'object') add(k.replace(/_/g, ' '), v);
    }
    if (c.speaker && typeof c.speaker === 'object') {
      for (const [k, v] of Object.entries(c.speaker)) {
        if (!KNOWN_SPEAKER.has(k) && v !== null && typeof v !== 'object') add('speaker ' + k.replace(/_/g, ' '), v);
      }
    }
    return dl;
  }

  // renderDoc renders one document (its text and Result) into root.
  function renderDoc(root, text, result) {
    if (typeof text !== 'string' || !result || typeof result !== 'object') return;
    const n = ++docCount;
    const id = 'doc' + n;
    const cps = Array.from(text);
    const conv = converter(cps, result.offsets);
    const claims = Array.isArray(result.claims) ? result.claims : [];
    const people = Array.isArray(result.people) ? result.people : [];
    const entities = Array.isArray(result.entities) ? result.entities : [];

    const section = h('section', { class: 'doc', id, 'aria-labelledby': id + '-h' });
    section.append(h('h2', { id: id + '-h', text: result.id !== undefined ? String(result.id) : 'Document ' + n, tabindex: '-1' }));
    section.append(h('p', { class: 'summary', text: [plural(claims.length, 'claim', 'claims'), plural(people.length, 'person', 'people'), plural(entities.length, 'entity', 'entities')].join(' · ') }));
    if (Array.isArray(result.warnings) && result.warnings.length) {
      section.append(h('ul', { class: 'warnings', 'aria-label': 'Warnings' }, ...result.warnings.map((w) => h('li', { text: w }))));
    }
    const grid = h('div', { class: 'doc-grid' });
    const article = h('div', { class: 'article', id: id + '-text', lang: 'en', 'aria-label': 'Article text' });
    const byClaim = renderText(article, cps, conv, result);

    const panel = h('aside', { class: 'panel', 'aria-labelledby': id + '-p' });
    panel.append(h('h3', { id: id + '-p', text: 'Who said what' }));
    panel.append(h('p', { class: 'hint', text: 'Select a speaker to highlight their claims in the text, or a claim to find it.' }));
    const selStatus = h('p', { class: 'sel-status', role: 'status', 'aria-live': 'polite' });
    panel.append(selStatus);

    // Group the claims by speaker name, most claims first, then by first
    // appearance; the claims of no known speaker last.
    const groups = new Map();
    claims.forEach((c, i) => {
      const name = speakerName(c);
      if (!groups.has(name)) groups.set(name, { name, claims: [], first: i, person: c.speaker && Number.isInteger(c.speaker.person) ? c.speaker.person : -1 });
      groups.get(name).claims.push(i);
    });
    const ordered = [...groups.values()].sort((a, b) => {
      if ((a.name === '') !== (b.name === '')) return a.name === '' ? 1 : -1;
      return b.claims.length - a.claims.length || a.first - b.first;
    });

    const lit = [];
    const buttons = [];
    function select(button, idxs, label) {
      for (const [el, cls] of lit) el.classList.remove(cls);
      lit.length = 0;
      const pressed = button && button.getAttribute('aria-pressed') !== 'true';
      for (const b of buttons) b.setAttribute('aria-pressed', 'false');
      if (!pressed) {
        selStatus.textContent = '';
        return;
      }
      button.setAttribute('aria-pressed', 'true');
      let first = null;
      let shown = 0;
      for (const i of idxs) {
        const parts = byClaim[i];
        if (!parts) continue;
        if (parts.q.length) shown++;
        for (const el of parts.q) { el.classList.add('sel'); lit.push([el, 'sel']); }
        for (const el of parts.cue) { el.classList.add('sel-cue'); lit.push([el, 'sel-cue']); }
        for (const el of parts.src) { el.classList.add('sel-src'); lit.push([el, 'sel-src']); }
        if (!first && parts.q.length) first = parts.q[0];
      }
      selStatus.textContent = label + ': ' + plural(shown, 'claim', 'claims') + ' highlighted in the text';
      if (first) first.scrollIntoView({ block: 'center' });
    }

    const list = h('ul', { class: 'speakers' });
    for (const g of ordered) {
      const label = g.name || 'Unknown speaker';
      const btn = h('button', { type: 'button', class: 'speaker-btn', 'aria-pressed': 'false', 'data-speaker': g.name },
        h('span', { class: 'name', text: label }), h('span', { class: 'count', text: plural(g.claims.length, 'claim', 'claims') }));
      btn.addEventListener('click', () => select(btn, g.claims, label));
      buttons.push(btn);
      const item = h('li', { class: 'speaker' }, btn);
      const p = g.person >= 0 ? people[g.person] : null;
      if (p && p.description && typeof p.description.text === 'string') item.append(h('p', { class: 'desc', text: shorten(p.description.text, 120) }));
      const ol = h('ol', { class: 'claims', 'aria-label': 'Claims of ' + label });
      for (const i of g.claims) {
        const c = claims[i];
        const content = (Array.isArray(c.content) ? c.content : []).map((s) => (s && typeof s.text === 'string' ? s.text : '')).join(' … ');
        const cb = h('button', { type: 'button', class: 'claim-btn', 'aria-pressed': 'false' }, shorten(content || '(no content)', 180));
        cb.addEventListener('click', () => select(cb, [i], 'One claim of ' + label));
        buttons.push(cb);
        ol.append(h('li', { class: 'claim' }, cb, details(c)));
      }
      item.append(ol);
      list.append(item);
    }
    if (ordered.length === 0) panel.append(h('p', { class: 'hint', text: 'No claims found in this document.' }));
    panel.append(list);

    grid.append(article, panel);
    section.append(grid);
    root.append(section);
    return section;
  }

  // Static report: render the embedded documents.
  function renderEmbedded(results, interactive) {
    const docs = document.querySelectorAll('script.saywho-doc');
    if (docs.length === 0 && !interactive) results.append(h('p', { class: 'summary', text: 'This report holds no documents.' }));
    for (const s of docs) {
      let doc;
      try {
        doc = JSON.parse(s.textContent);
      } catch (err) {
        console.error('saywho: a document of this report is not valid JSON', err);
        continue;
      }
      renderDoc(results, doc && doc.text, doc && doc.result);
    }
  }

  // Interactive page: the form sends the text to the API.
  function interactive(form, results) {
    const textarea = document.getElementById('text');
    const file = document.getElementById('file');
    const button = document.getElementById('analyze');
    const status = document.getElementById('status');
    const error = document.getElementById('error');
    let name = '';

    function showError(msg) {
      error.textContent = msg;
      error.hidden = !msg;
    }
    async function load(f) {
      if (!f) return;
      try {
        textarea.value = await f.text();
        name = f.name;
        status.textContent = 'Loaded ' + f.name + '.';
        showError('');
      } catch (err) {
        showError('Could not read ' + f.name + ': ' + err.message);
      }
    }
    file.addEventListener('change', () => load(file.files && file.files[0]));
    textarea.addEventListener('input', () => { name = ''; });
    textarea.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      textarea.classList.add('dragging');
    });
    textarea.addEventListener('dragleave', () => textarea.classList.remove('dragging'));
    textarea.addEventListener('drop', (ev) => {
      textarea.classList.remove('dragging');
      const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
      if (f) {
        ev.preventDefault();
        load(f);
      }
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const text = textarea.value;
      showError('');
      if (!text.trim()) {
        showError('Paste or drop an article first.');
        textarea.focus();
        return;
      }
      button.disabled = true;
      status.textContent = 'Analysing…';
      try {
        const res = await fetch('v1/analyze?offsets=chars', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: name || 'pasted article', text }),
        });
        let body = null;
        try {
          body = await res.json();
        } catch (err) {
          body = null;
        }
        if (!res.ok) {
          const msg = body && typeof body.error === 'string' ? body.error : 'the server answered ' + res.status;
          throw new Error(msg + (res.headers.get('Retry-After') ? ' (try again in ' + res.headers.get('Retry-After') + ' s)' : ''));
        }
        results.replaceChildren();
        docCount = 0;
        const section = renderDoc(results, text, body);
        const claims = body && Array.isArray(body.claims) ? body.claims.length : 0;
        status.textContent = 'Done: ' + plural(claims, 'claim', 'claims') + '.';
        if (section) section.querySelector('h2').focus({ preventScroll: true });
      } catch (err) {
        status.textContent = '';
        showError('Analysis failed: ' + err.message);
      } finally {
        button.disabled = false;
      }
    });
  }

  function start() {
    const results = document.getElementById('results');
    const form = document.getElementById('input');
    if (form) interactive(form, results);
    renderEmbedded(results, Boolean(form));
    document.documentElement.setAttribute('data-ready', 'true');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
