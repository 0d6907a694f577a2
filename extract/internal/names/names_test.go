package names

import (
	"strings"
	"testing"
)

func TestFirstName(t *testing.T) {
	tests := []struct {
		name string
		want Gender
		in   bool
	}{
		{"Maria", Female, true},
		{"maria", Female, true},
		{"ALEKSANDR", Male, true},
		{"Piotr", Male, true},
		{"Leslie", Unknown, true}, // in both lists
		{"Tatyana", Unknown, false},
		{"", Unknown, false},
	}
	for _, tt := range tests {
		if got := FirstName(tt.name); got != tt.want {
			t.Errorf("FirstName(%q) = %v, want %v", tt.name, got, tt.want)
		}
		if got := IsFirstName(tt.name); got != tt.in {
			t.Errorf("IsFirstName(%q) = %v, want %v", tt.name, got, tt.in)
		}
	}
}

func TestTitle(t *testing.T) {
	tests := []struct {
		phrase string
		want   Gender
		ok     bool
	}{
		{"Mr.", Male, true},
		{"mrs.", Female, true},
		{"Ms", Female, true},
		{"President", Unknown, true},
		{"prime minister", Unknown, true},
		{"Deputy Secretary of State", Unknown, true},
		{"Prime  Minister", Unknown, false}, // words must be separated by one space
		{"Smith", Unknown, false},
		{"", Unknown, false},
	}
	for _, tt := range tests {
		g, ok := Title(tt.phrase)
		if g != tt.want || ok != tt.ok {
			t.Errorf("Title(%q) = %v, %v, want %v, %v", tt.phrase, g, ok, tt.want, tt.ok)
		}
	}
}

// TestMaxTitleWords checks that no title is longer than MaxTitleWords.
func TestMaxTitleWords(t *testing.T) {
	for title := range titles() {
		if n := len(strings.Fields(title)); n > MaxTitleWords {
			t.Errorf("title %q has %d words, more than MaxTitleWords = %d", title, n, MaxTitleWords)
		}
	}
}

// TestLookupLower checks that lookup finds what indexing by
// strings.ToLower finds, for keys that keep or change their length when
// lowered, and that short keys allocate nothing.
func TestLookupLower(t *testing.T) {
	m := map[string]Gender{"mr.": Male, "élysée": Female, "i\u0307stanbul": Male, "\ufffdx": Female, "ǆ": Male}
	for _, s := range []string{"Mr.", "MR.", "ÉLYSÉE", "İstanbul", "\xffX", "\xffx", "ǅ", "", strings.Repeat("Ab", 40)} {
		want, wantOK := m[strings.ToLower(s)]
		if got, ok := lookup(m, s); got != want || ok != wantOK {
			t.Errorf("lookup(%q) = %v, %v, want %v, %v", s, got, ok, want, wantOK)
		}
	}
	if n := testing.AllocsPerRun(100, func() { Title("Deputy Secretary of State"); FirstName("MARIA") }); n != 0 {
		t.Errorf("Title and FirstName: %v allocations per call, want 0", n)
	}
}
