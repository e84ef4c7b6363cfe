package sitefeed

import "testing"

// TestParseFormat covers every name ParseFormat's documentation lists, and
// names it refuses.
func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"rss", RSS, true},
		{"rss2", RSS, true},
		{"xml", RSS, true},
		{"atom", Atom, true},
		{"json", JSON, true},
		{"jsonfeed", JSON, true},
		{" RSS ", RSS, true},
		{"Atom", Atom, true},
		{"JSONFeed", JSON, true},
		{"", 0, false},
		{"rdf", 0, false},
		{"rss1", 0, false},
		{"json feed", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v, ok = %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
