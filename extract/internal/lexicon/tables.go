package lexicon

// The tables are written by hand; SOURCES.md records their origin. Keys are
// lower case and have no final period. Internal periods stay: "u.s", "a.m".

var abbrevs = map[string]abbrev{
	// Honorifics and titles (AP Stylebook "titles" and military ranks).
	"mr": {Title, false}, "mrs": {Title, false}, "ms": {Title, false}, "messrs": {Title, false},
	"mmes": {Title, false}, "dr": {Title, false}, "drs": {Title, false}, "prof": {Title, false},
	"rev": {Title, false}, "revs": {Title, false}, "hon": {Title, false}, "msgr": {Title, false},
	"fr": {Title, true}, "st": {Title, true}, "mt": {Title, true},
	"ft":  {Title, true},
	"gen": {Title, false}, "gens": {Title, false}, "lt": {Title, false}, "col": {Title, false},
	"maj": {Title, false}, "capt": {Title, false}, "cpt": {Title, false}, "sgt": {Title, false},
	"cpl": {Title, false}, "pvt": {Title, false}, "adm": {Title, false}, "cmdr": {Title, false},
	"cmdt": {Title, false}, "brig": {Title, false}, "ens": {Title, false}, "spc": {Title, false},
	"sen": {Title, false}, "sens": {Title, false}, "rep": {Title, false}, "reps": {Title, false},
	"gov": {Title, false}, "govs": {Title, false}, "pres": {Title, false}, "supt": {Title, false},
	"insp": {Title, false}, "det": {Title, false}, "amb": {Title, false}, "atty": {Title, false},
	"ald": {Title, false}, "rt": {Title, true}, "lt.gen": {Title, false}, "lt.col": {Title, false},
	"gov.gen": {Title, false}, "mme": {Title, false}, "mlle": {Title, false},

	// Months as the AP abbreviates them before a date.
	"jan": {Month, true}, "feb": {Month, true}, "mar": {Month, true}, "apr": {Month, true},
	"jun": {Month, true}, "jul": {Month, true}, "aug": {Month, true}, "sep": {Month, true},
	"sept": {Month, true}, "oct": {Month, true}, "nov": {Month, true}, "dec": {Month, true},

	// Abbreviations used before a number.
	"no": {NumberPrefix, false}, "nos": {NumberPrefix, false}, "vol": {NumberPrefix, false},
	"vols": {NumberPrefix, false}, "pp": {NumberPrefix, false}, "fig": {NumberPrefix, false},
	"art": {NumberPrefix, true}, "sec": {NumberPrefix, true}, "ch": {NumberPrefix, true},
	"p": {NumberPrefix, false}, "ed": {NumberPrefix, true}, "ca": {NumberPrefix, false},

	// Company and name suffixes, Latin and other common abbreviations.
	"inc": {Other, false}, "corp": {Other, false}, "co": {Other, true}, "cos": {Other, true},
	"ltd": {Other, false}, "bros": {Other, false}, "plc": {Other, true}, "llc": {Other, true},
	"jr": {Other, false}, "sr": {Other, true}, "esq": {Other, false}, "assn": {Other, false}, "dept": {Other, false},
	"univ": {Other, false}, "govt": {Other, false}, "intl": {Other, false}, "natl": {Other, false},
	"ave": {Other, true}, "blvd": {Other, false}, "rd": {Other, true}, "hwy": {Other, false},
	"etc": {Other, false}, "vs": {Other, false}, "cf": {Other, false}, "approx": {Other, false},
	"est": {Other, false}, "misc": {Other, false}, "dist": {Other, true},
	"e.g": {Other, false}, "i.e": {Other, false}, "a.m": {Other, false}, "p.m": {Other, false},
	"a.d": {Other, false}, "b.c": {Other, false}, "ph.d": {Other, false}, "m.d": {Other, false},
	"u.s": {Other, false}, "u.k": {Other, false}, "u.n": {Other, false}, "e.u": {Other, false},
	"u.s.a": {Other, false}, "u.s.s.r": {Other, false}, "d.c": {Other, false},

	// U.S. states as the AP abbreviates them in datelines; capitalised only,
	// since several are English words ("Miss.", "Ill.", "Wash.", "Mass.").
	"ala": {Other, true}, "ariz": {Other, true}, "ark": {Other, true}, "calif": {Other, true},
	"colo": {Other, true}, "conn": {Other, true}, "del": {Other, true}, "fla": {Other, true},
	"ga": {Other, true}, "ill": {Other, true}, "ind": {Other, true}, "kan": {Other, true},
	"ky": {Other, true}, "la": {Other, true}, "md": {Other, true}, "mass": {Other, true},
	"mich": {Other, true}, "minn": {Other, true}, "miss": {Other, true}, "mo": {Other, true},
	"mont": {Other, true}, "neb": {Other, true}, "nev": {Other, true}, "okla": {Other, true},
	"ore": {Other, true}, "pa": {Other, true}, "tenn": {Other, true}, "tex": {Other, true},
	"va": {Other, true}, "vt": {Other, true}, "wash": {Other, true}, "wis": {Other, true},
	"wyo": {Other, true}, "n.y": {Other, false}, "n.j": {Other, false}, "n.h": {Other, false},
	"n.m": {Other, false}, "n.c": {Other, false}, "n.d": {Other, false}, "s.c": {Other, false},
	"s.d": {Other, false}, "r.i": {Other, false}, "w.va": {Other, false},
}

// starters are closed-class words that often open a sentence: articles,
// pronouns, conjunctions, common prepositions and sentence adverbs.
var starters = map[string]struct{}{
	"the": {}, "a": {}, "an": {}, "this": {}, "that": {}, "these": {}, "those": {},
	"he": {}, "she": {}, "it": {}, "they": {}, "we": {}, "i": {}, "you": {}, "there": {},
	"his": {}, "her": {}, "its": {}, "their": {}, "our": {}, "my": {}, "your": {},
	"but": {}, "and": {}, "or": {}, "so": {}, "yet": {}, "if": {}, "when": {}, "while": {},
	"after": {}, "before": {}, "since": {}, "although": {}, "though": {}, "because": {},
	"in": {}, "on": {}, "at": {}, "for": {}, "from": {}, "with": {}, "by": {}, "as": {},
	"of": {}, "to": {}, "during": {}, "under": {}, "over": {}, "among": {}, "despite": {},
	"however": {}, "meanwhile": {}, "still": {}, "also": {}, "then": {}, "now": {},
	"what": {}, "who": {}, "why": {}, "how": {}, "where": {}, "which": {},
	"some": {}, "many": {}, "most": {}, "all": {}, "both": {}, "each": {}, "no": {},
	"not": {}, "one": {}, "two": {}, "last": {}, "other": {}, "another": {}, "such": {},
	"instead": {}, "indeed": {}, "even": {}, "only": {}, "yes": {}, "asked": {},
}

// titles are unabbreviated titles and offices that precede a name.
var titles = map[string]struct{}{
	"mr": {}, "mrs": {}, "ms": {}, "miss": {}, "mx": {}, "dr": {}, "sir": {}, "dame": {},
	"lord": {}, "lady": {}, "president": {}, "vice": {}, "premier": {}, "chancellor": {},
	"prime": {}, "minister": {}, "secretary": {}, "senator": {}, "congressman": {},
	"congresswoman": {}, "representative": {}, "governor": {}, "mayor": {}, "judge": {},
	"justice": {}, "ambassador": {}, "general": {}, "admiral": {}, "colonel": {},
	"captain": {}, "lieutenant": {}, "sergeant": {}, "major": {}, "commander": {},
	"king": {}, "queen": {}, "prince": {}, "princess": {}, "pope": {}, "cardinal": {},
	"bishop": {}, "archbishop": {}, "father": {}, "rabbi": {}, "imam": {}, "sheikh": {},
	"professor": {}, "chairman": {}, "chairwoman": {}, "chief": {}, "director": {},
	"spokesman": {}, "spokeswoman": {}, "spokesperson": {}, "deputy": {}, "speaker": {},
	"attorney": {}, "sheriff": {}, "detective": {}, "officer": {}, "inspector": {},
	"commissioner": {}, "councilman": {}, "councilwoman": {}, "leader": {}, "emir": {},
	"sultan": {}, "ayatollah": {}, "patriarch": {}, "saint": {}, "reverend": {},
}

// tlds are generic and frequent country-code top-level domains.
var tlds = map[string]struct{}{
	"com": {}, "org": {}, "net": {}, "gov": {}, "edu": {}, "mil": {}, "int": {},
	"info": {}, "biz": {}, "io": {}, "co": {}, "uk": {}, "us": {}, "ca": {}, "de": {},
	"fr": {}, "ru": {}, "by": {}, "ua": {}, "eu": {}, "au": {}, "in": {}, "cn": {},
	"jp": {}, "it": {}, "es": {}, "nl": {}, "pl": {}, "lt": {}, "news": {}, "tv": {}, "me": {},
}

// hyphenPrefixes are the prefixes that UD English EWT keeps attached to
// the word after their hyphen ("non-human", "pre-owned", "e-mail"), where
// it splits other hyphenated compounds ("Coca - Cola"). The list is the
// prefixes of EWT train's unsplit hyphenated words, completed with the
// common English prefixes of the same kind.
var hyphenPrefixes = map[string]struct{}{
	"anti": {}, "bi": {}, "co": {}, "counter": {}, "cross": {}, "e": {}, "ex": {}, "extra": {},
	"hyper": {}, "inter": {}, "intra": {}, "macro": {}, "micro": {}, "mid": {}, "mini": {},
	"multi": {}, "neo": {}, "non": {}, "over": {}, "post": {}, "pre": {}, "pro": {},
	"pseudo": {}, "psycho": {}, "re": {}, "semi": {}, "socio": {}, "sub": {}, "super": {},
	"trans": {}, "tri": {}, "ultra": {}, "un": {}, "uni": {},
}

// contractions are written without their apostrophe and split as UD
// English EWT splits them (its multiword tokens): the value is the length
// of the first word ("dont" → "do" "nt", "cannot" → "can" "not"). Forms
// that are common words too ("its", "lets", "ill", "were") are left out;
// "cant" and "wont" are in, their other senses being rare in news.
var contractions = map[string]uint8{
	"dont": 2, "doesnt": 4, "didnt": 3, "isnt": 2, "arent": 3, "wasnt": 3, "werent": 4,
	"havent": 4, "hasnt": 3, "hadnt": 3, "couldnt": 5, "wouldnt": 5, "shouldnt": 6,
	"cant": 2, "wont": 2, "aint": 2, "mustnt": 4, "neednt": 4,
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "outta": 3,
}

// lowerContractions are contractions that are split only when written in
// lower case, since capitalised they can be names ("Jony Ive", "Im").
var lowerContractions = map[string]uint8{
	"im": 1, "ive": 1, "thats": 4, "youre": 3, "theyre": 4, "whats": 4,
}

// fileExts are file-name extensions: "resume.doc" is one token.
var fileExts = map[string]struct{}{
	"doc": {}, "docx": {}, "pdf": {}, "xls": {}, "xlsx": {}, "ppt": {}, "pptx": {},
	"txt": {}, "htm": {}, "html": {}, "jpg": {}, "jpeg": {}, "gif": {}, "png": {},
	"zip": {}, "rtf": {}, "csv": {}, "wpd": {}, "mp3": {}, "mp4": {}, "avi": {}, "mov": {},
	"exe": {}, "xml": {}, "wav": {}, "tif": {}, "tiff": {}, "bmp": {}, "ps": {}, "eps": {},
}
