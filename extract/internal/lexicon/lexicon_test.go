package lexicon

import "testing"

func TestAbbrev(t *testing.T) {
	tests := []struct {
		word string
		want Class
	}{
		{"Mr", Title}, {"MR", Title}, {"mr", Title}, {"Gen", Title}, {"Sen", Title}, {"St", Title},
		{"G", Initial}, {"g", None}, {"Jan", Month}, {"Sept", Month}, {"mar", None}, {"Mar", Month},
		{"No", NumberPrefix}, {"U.S", Other}, {"u.s", Other}, {"a.m", Other}, {"Ph.D", Other},
		{"Inc", Other}, {"Jr", Other}, {"Calif", Other}, {"Miss", Other}, {"miss", None}, {"ill", None},
		{"", None}, {"Washington", None}, {"aVeryLongWordIndeedNotInAnyTable", None}, {"Ré", None},
	}
	for _, tt := range tests {
		if got := Abbrev(tt.word); got != tt.want {
			t.Errorf("Abbrev(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestPredicates(t *testing.T) {
	for _, w := range []string{"The", "he", "BUT", "However"} {
		if !IsSentenceStarter(w) {
			t.Errorf("IsSentenceStarter(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"Embassy", "Smith", "Rep", ""} {
		if IsSentenceStarter(w) {
			t.Errorf("IsSentenceStarter(%q) = true, want false", w)
		}
	}
	for _, w := range []string{"Mr", "President", "minister", "Sen"} {
		if !IsTitle(w) {
			t.Errorf("IsTitle(%q) = false, want true", w)
		}
	}
	if IsTitle("Inc") || IsTitle("Jan") {
		t.Error("IsTitle accepts non-title abbreviations")
	}
	if !IsTLD("com") || !IsTLD("ORG") || IsTLD("the") {
		t.Error("IsTLD is wrong on com/ORG/the")
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		Abbrev("Sept")
		Abbrev("U.S")
		IsSentenceStarter("However")
		IsTitle("President")
		IsTLD("com")
		IsHyphenPrefix("non")
		Contraction("dont")
		IsFileExt("pdf")
	})
	if allocs != 0 {
		t.Errorf("lookups allocate %v times, want 0", allocs)
	}
}

func TestUDTables(t *testing.T) {
	for _, w := range []string{"non", "Pre", "e", "ANTI"} {
		if !IsHyphenPrefix(w) {
			t.Errorf("IsHyphenPrefix(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"well", "x", "self", ""} {
		if IsHyphenPrefix(w) {
			t.Errorf("IsHyphenPrefix(%q) = true, want false", w)
		}
	}
	for _, tt := range []struct {
		word string
		want int
	}{{"dont", 2}, {"DONT", 2}, {"Cannot", 3}, {"gonna", 3}, {"im", 1}, {"Im", 0}, {"ive", 1}, {"Ive", 0}, {"its", 0}, {"lets", 0}, {"don", 0}} {
		if got := Contraction(tt.word); got != tt.want {
			t.Errorf("Contraction(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
	if !IsFileExt("pdf") || !IsFileExt("DOC") || IsFileExt("com") {
		t.Error("IsFileExt is wrong on pdf/DOC/com")
	}
}
