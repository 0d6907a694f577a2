#!/usr/bin/env python3
"""mkgold: build and check saywho-gold/1 annotation files.

Gold annotations are written by hand in a compact, reviewable form (NAME.gold.in; not brat .ann)
and compiled to NAME.gold.json with exact UTF-8 byte offsets. Every span is
verified: text[start:end] must equal the span text.

Usage:
  mkgold.py build FILE.gold.in...   write the .gold.json named by each .gold.in
  mkgold.py check FILE.gold.json... validate gold files (text from "text" or sibling .txt)
  mkgold.py occ FILE.txt WORD      list the whole-word occurrences of WORD with context

The .gold.in format, one directive per line ('#' starts a comment line):

  id: seed:000_8cddab4abca9d9aa
  source: free text
  text: 000_8cddab4abca9d9aa.txt          (relative to the .gold.in file)
  out: 000_8cddab4abca9d9aa.gold.json     (relative to the .gold.in file)

  == entities
  LABEL SPEC                               LABEL is PERSON, ORG, LOC or MISC
  == people
  person: Canonical Name | male|female|unknown
  desc: SPEC | -
  names: Name; Other Name                  every PERSON entity whose text is one of these
  mention: SPEC                            one more PERSON entity, named by its span
  == claims
  claim: direct|indirect|mixed | Speaker Name or -
  cue: SPEC | -
  source: SPEC | -
  content: SPEC                            repeated for discontinuous content

A SPEC names a span of the text:
  TEXT            the only whole-word occurrence of TEXT
  TEXT @N         the N-th whole-word occurrence (1-based); "@N,M" several; "@*" all
  a [[TEXT]] b    TEXT inside the context "a TEXT b", the context occurring once
                  (or "... @N": the N-th occurrence of the context, as a substring)
Whole-word means the characters around the match are not letters or digits.
"""
import json
import os
import re
import sys

LABELS = {"PERSON", "ORG", "LOC", "MISC"}
KINDS = {"direct", "indirect", "mixed"}
GENDERS = {"male", "female", "unknown"}


class AnnError(Exception):
    pass


def _isword(c):
    return c.isalnum()


def occurrences(text, s, whole=True):
    """Character offsets of the non-overlapping occurrences of s in text."""
    out = []
    i = text.find(s)
    while i >= 0:
        j = i + len(s)
        ok = True
        if whole:
            if i > 0 and _isword(text[i - 1]) and _isword(s[0]):
                ok = False
            if j < len(text) and _isword(text[j]) and _isword(s[-1]):
                ok = False
        if ok:
            out.append(i)
        i = text.find(s, i + 1 if not ok else j)
    return out


def resolve(text, spec, allow_many=False):
    """Resolve a SPEC to a list of (char_start, char_end)."""
    spec = spec.strip()
    sel = None
    m = re.match(r"^(.*?)\s+@(\*|\d+(?:,\d+)*)$", spec)
    if m:
        spec, sel = m.group(1), m.group(2)
    if "[[" in spec:
        m = re.match(r"^(.*)\[\[(.+?)\]\](.*)$", spec, re.S)
        if not m:
            raise AnnError("bad context spec %r" % spec)
        left, mid, right = m.groups()
        ctx = left + mid + right
        occ = occurrences(text, ctx, whole=False)
        base = len(left)
        width = len(mid)
    else:
        occ = occurrences(text, spec, whole=True)
        base = 0
        width = len(spec)
    if not occ:
        raise AnnError("not found: %r" % spec)
    if sel is None:
        if len(occ) != 1:
            raise AnnError("%r occurs %d times; add @N or context" % (spec, len(occ)))
        picks = occ
    elif sel == "*":
        if not allow_many:
            raise AnnError("@* not allowed here: %r" % spec)
        picks = occ
    else:
        idx = [int(x) for x in sel.split(",")]
        if len(idx) > 1 and not allow_many:
            raise AnnError("several occurrences not allowed here: %r" % spec)
        picks = []
        for n in idx:
            if n < 1 or n > len(occ):
                raise AnnError("%r: occurrence %d of %d" % (spec, n, len(occ)))
            picks.append(occ[n - 1])
    return [(p + base, p + base + width) for p in picks]


class Doc:
    def __init__(self, text):
        self.text = text
        # byte offset of each character index (plus the end)
        self.boff = []
        b = 0
        for c in text:
            self.boff.append(b)
            b += len(c.encode("utf-8"))
        self.boff.append(b)

    def span(self, cs, ce):
        return {"start": self.boff[cs], "end": self.boff[ce], "text": self.text[cs:ce]}

    def one(self, spec):
        if spec.strip() == "-":
            return None
        (cs, ce), = resolve(self.text, spec)
        return self.span(cs, ce)


def parse_ann(path):
    meta = {}
    section = None
    ents, people, claims = [], [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for ln, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = "%s:%d" % (path, ln)
        if line.startswith("== "):
            section = line[3:].strip()
            if section not in ("entities", "people", "claims"):
                raise AnnError("%s: unknown section %r" % (where, section))
            continue
        if section is None:
            k, _, v = line.partition(":")
            meta[k.strip()] = v.strip()
        elif section == "entities":
            lab, _, spec = line.strip().partition(" ")
            ents.append((where, lab, spec))
        else:
            k, _, v = line.strip().partition(":")
            k, v = k.strip(), v.strip()
            if section == "people":
                if k == "person":
                    name, _, g = v.partition("|")
                    people.append({"where": where, "name": name.strip(), "gender": g.strip(),
                                   "desc": "-", "names": [], "mention": []})
                elif people and k in ("desc",):
                    people[-1]["desc"] = v
                elif people and k == "names":
                    people[-1]["names"] += [x.strip() for x in v.split(";") if x.strip()]
                elif people and k == "mention":
                    people[-1]["mention"].append((where, v))
                else:
                    raise AnnError("%s: bad people line" % where)
            else:
                if k == "claim":
                    kind, _, spk = v.partition("|")
                    claims.append({"where": where, "kind": kind.strip(), "speaker": spk.strip(),
                                   "cue": "-", "source": "-", "content": []})
                elif claims and k in ("cue", "source"):
                    claims[-1][k] = v
                elif claims and k == "content":
                    claims[-1]["content"].append(v)
                else:
                    raise AnnError("%s: bad claims line" % where)
    return meta, ents, people, claims


def build(path):
    meta, ents, people, claims = parse_ann(path)
    base = os.path.dirname(path)
    with open(os.path.join(base, meta["text"]), encoding="utf-8") as f:
        text = f.read()
    d = Doc(text)
    entities = []
    for where, lab, spec in ents:
        if lab not in LABELS:
            raise AnnError("%s: bad label %r" % (where, lab))
        try:
            for cs, ce in resolve(text, spec, allow_many=True):
                e = d.span(cs, ce)
                e["label"] = lab
                entities.append(e)
        except AnnError as err:
            raise AnnError("%s: %s" % (where, err))
    entities.sort(key=lambda e: (e["start"], e["end"]))
    outp = []
    for p in people:
        try:
            desc = d.one(p["desc"])
        except AnnError as err:
            raise AnnError("%s: desc: %s" % (p["where"], err))
        ms = [e for e in entities if e["label"] == "PERSON" and e["text"] in p["names"]]
        for n in p["names"]:
            if not any(e["text"] == n for e in ms):
                raise AnnError("%s: no PERSON entity %r" % (p["where"], n))
        for where, spec in p["mention"]:
            try:
                s = d.one(spec)
            except AnnError as err:
                raise AnnError("%s: %s" % (where, err))
            hit = [e for e in entities if e["start"] == s["start"] and e["end"] == s["end"]]
            if not hit or hit[0]["label"] != "PERSON":
                raise AnnError("%s: mention %r is not a PERSON entity" % (where, s["text"]))
            if hit[0] not in ms:
                ms.append(hit[0])
        ms.sort(key=lambda e: e["start"])
        outp.append({"name": p["name"], "gender": p["gender"], "description": desc,
                     "mentions": [{"start": e["start"], "end": e["end"], "text": e["text"]} for e in ms]})
    outc = []
    for c in claims:
        try:
            cl = {"kind": c["kind"],
                  "content": sorted((d.one(s) for s in c["content"]), key=lambda s: s["start"]),
                  "cue": d.one(c["cue"]), "source": d.one(c["source"]),
                  "speaker": None if c["speaker"] in ("-", "") else c["speaker"]}
        except AnnError as err:
            raise AnnError("%s: %s" % (c["where"], err))
        outc.append(cl)
    outc.sort(key=lambda c: (c["content"][0]["start"] if c["content"] else -1))
    gold = {"format": "saywho-gold/1", "id": meta["id"], "source": meta.get("source", ""),
            "layers": ["entities", "people", "claims"],
            "entities": entities, "people": outp, "claims": outc}
    problems = validate(gold, text)
    if problems:
        raise AnnError("%s:\n  %s" % (path, "\n  ".join(problems)))
    out = os.path.join(base, meta["out"])
    with open(out, "w", encoding="utf-8") as f:
        f.write(dumps(gold))
    return out, gold


def dumps(gold):
    """JSON with one span per line: compact yet diffable."""
    def j(v):
        return json.dumps(v, ensure_ascii=False)
    out = ["{"]
    for k in ("format", "id", "source"):
        out.append('  %s: %s,' % (j(k), j(gold[k])))
    if "text" in gold:
        out.append('  "text": %s,' % j(gold["text"]))
    out.append('  "layers": %s,' % j(gold["layers"]))
    out.append('  "entities": [')
    out.append(",\n".join("    " + j(e) for e in gold["entities"]))
    out.append("  ],")
    out.append('  "people": [')
    ps = []
    for p in gold["people"]:
        s = ('    {"name": %s, "gender": %s,\n     "description": %s,\n     "mentions": [\n'
             % (j(p["name"]), j(p["gender"]), j(p["description"])))
        s += ",\n".join("       " + j(m) for m in p["mentions"])
        s += "]}"
        ps.append(s)
    out.append(",\n".join(ps))
    out.append("  ],")
    out.append('  "claims": [')
    cs = []
    for c in gold["claims"]:
        s = '    {"kind": %s, "speaker": %s,\n     "cue": %s,\n     "source": %s,\n     "content": [\n' % (
            j(c["kind"]), j(c["speaker"]), j(c["cue"]), j(c["source"]))
        s += ",\n".join("       " + j(x) for x in c["content"])
        s += "]}"
        cs.append(s)
    out.append(",\n".join(cs))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def validate(gold, text):
    """Return a list of problems with a gold document against its text."""
    probs = []
    raw = text.encode("utf-8")

    def chk(s, what):
        if s is None:
            return
        for k in ("start", "end", "text"):
            if k not in s:
                probs.append("%s: span lacks %r" % (what, k))
                return
        a, b = s["start"], s["end"]
        if not (0 <= a < b <= len(raw)):
            probs.append("%s: bad offsets %d-%d" % (what, a, b))
            return
        try:
            got = raw[a:b].decode("utf-8")
        except UnicodeDecodeError:
            probs.append("%s: offsets %d-%d split a character" % (what, a, b))
            return
        if got != s["text"]:
            probs.append("%s: text[%d:%d]=%r, span says %r" % (what, a, b, got, s["text"]))
        if got != got.strip():
            probs.append("%s: %r has surrounding space" % (what, got))

    if gold.get("format") != "saywho-gold/1":
        probs.append("format is %r" % gold.get("format"))
    ents = gold.get("entities", [])
    prev = None
    for i, e in enumerate(ents):
        chk(e, "entity %d" % i)
        if e.get("label") not in LABELS:
            probs.append("entity %d: label %r" % (i, e.get("label")))
        if prev is not None:
            if (e["start"], e["end"]) < (prev["start"], prev["end"]):
                probs.append("entity %d: not sorted" % i)
            if e["start"] < prev["end"]:
                probs.append("entity %d %r overlaps %r" % (i, e["text"], prev["text"]))
        prev = e
    persons = {(e["start"], e["end"]) for e in ents if e.get("label") == "PERSON"}
    seen = {}
    names = set()
    for i, p in enumerate(gold.get("people", [])):
        names.add(p.get("name"))
        if not p.get("name"):
            probs.append("person %d: no name" % i)
        if p.get("gender") not in GENDERS:
            probs.append("person %d: gender %r" % (i, p.get("gender")))
        chk(p.get("description"), "person %d description" % i)
        if not p.get("mentions"):
            probs.append("person %d %r: no mentions" % (i, p.get("name")))
        last = -1
        for m in p.get("mentions", []):
            chk(m, "person %d mention" % i)
            key = (m["start"], m["end"])
            if key not in persons:
                probs.append("person %d mention %r is not a PERSON entity" % (i, m["text"]))
            if key in seen:
                probs.append("mention %r in persons %d and %d" % (m["text"], seen[key], i))
            seen[key] = i
            if m["start"] <= last:
                probs.append("person %d mentions not sorted" % i)
            last = m["start"]
    for key in persons - set(seen):
        probs.append("PERSON entity at %d-%d belongs to no person" % key)
    orgs = {e["text"] for e in ents if e.get("label") == "ORG"}
    last = -1
    for i, c in enumerate(gold.get("claims", [])):
        if c.get("kind") not in KINDS:
            probs.append("claim %d: kind %r" % (i, c.get("kind")))
        if not c.get("content"):
            probs.append("claim %d: no content" % i)
            continue
        lc = -1
        for s in c["content"]:
            chk(s, "claim %d content" % i)
            if s["start"] <= lc:
                probs.append("claim %d: content spans not sorted" % i)
            lc = s["end"]
        chk(c.get("cue"), "claim %d cue" % i)
        chk(c.get("source"), "claim %d source" % i)
        if c["content"][0]["start"] < last:
            probs.append("claim %d: claims not sorted" % i)
        last = c["content"][0]["start"]
        spk = c.get("speaker")
        if spk is not None and spk not in names and spk not in orgs:
            probs.append("claim %d: speaker %r is neither a person nor an ORG entity" % (i, spk))
        if c.get("kind") == "direct":
            # Direct contents include their marks (PolNeAR's convention): each
            # span opens with a mark and closes with one, unless it is a
            # paragraph of a quotation that runs on (only white space up to the
            # next span, which opens with a mark again).
            cs = c["content"]
            for k, s in enumerate(cs):
                gap = raw[s["end"]:cs[k + 1]["start"]].decode("utf-8", "replace") if k + 1 < len(cs) else ""
                runs_on = k + 1 < len(cs) and gap.strip() == "" and "\n" in gap
                if s["text"][:1] not in "“\"«‘" or not runs_on and s["text"][-1:] not in "”\"»’“":
                    probs.append("claim %d: direct content %r does not include its quote marks" % (i, s["text"]))
    return probs


def check(path):
    with open(path, encoding="utf-8") as f:
        gold = json.load(f)
    text = gold.get("text")
    if text is None:
        sib = path[: -len(".gold.json")] + ".txt"
        with open(sib, encoding="utf-8") as f:
            text = f.read()
    return validate(gold, text)


def counts(gold):
    k = {"direct": 0, "indirect": 0, "mixed": 0}
    for c in gold["claims"]:
        k[c["kind"]] += 1
    lab = {}
    for e in gold["entities"]:
        lab[e["label"]] = lab.get(e["label"], 0) + 1
    return "entities %d (%s), people %d, claims %d (direct %d, indirect %d, mixed %d)" % (
        len(gold["entities"]), " ".join("%s %d" % kv for kv in sorted(lab.items())),
        len(gold["people"]), len(gold["claims"]), k["direct"], k["indirect"], k["mixed"])


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "build":
        rc = 0
        for p in argv[2:]:
            try:
                out, gold = build(p)
                print("%s: %s" % (out, counts(gold)))
            except (AnnError, OSError, KeyError) as err:
                print("error: %s" % err, file=sys.stderr)
                rc = 1
        return rc
    if cmd == "check":
        rc = 0
        for p in argv[2:]:
            try:
                probs = check(p)
            except (OSError, ValueError, KeyError, TypeError) as err:
                probs = ["cannot check: %s" % err]
            for pr in probs:
                print("%s: %s" % (p, pr))
            if probs:
                rc = 1
            else:
                with open(p, encoding="utf-8") as f:
                    print("%s: ok: %s" % (p, counts(json.load(f))))
        return rc
    if cmd == "occ":
        with open(argv[2], encoding="utf-8") as f:
            text = f.read()
        for n, i in enumerate(occurrences(text, argv[3]), 1):
            print("@%d: %s" % (n, text[max(0, i - 40): i + len(argv[3]) + 40].replace("\n", " ")))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
