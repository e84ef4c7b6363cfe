package values

import (
	"encoding/json"
	"testing"
	"time"
)

func TestText(t *testing.T) {
	tests := []struct {
		in   any
		want string
		ok   bool
	}{
		{nil, "", true},
		{" a b ", " a b ", true},
		{true, "true", true},
		{7, "7", true},
		{int64(-12), "-12", true},
		{1.5, "1.5", true},
		{1e21, "1e+21", true},
		{json.Number("3.25"), "3.25", true},
		{time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), "2024-01-02T03:04:05.000000006Z", true},
		{[]any{"a"}, "", false},
		{map[string]any{"a": 1}, "", false},
		{uint8(1), "", false},
	}
	for _, tt := range tests {
		got, ok := Text(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Text(%#v) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly", 7, "exactly"},
		{"abcdef", 3, "abc…"},
		{"aé", 2, "a…"}, // é is two bytes: the cut moves back to a boundary
		{"éé", 1, "…"},
	}
	for _, tt := range tests {
		if got := Clip(tt.in, tt.n); got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, "nothing"},
		{"x", "text"},
		{false, "a boolean (false)"},
		{3, "a number (3)"},
		{int64(3), "a number (3)"},
		{0.5, "a number (0.5)"},
		{json.Number("12"), "a number (12)"},
		{time.Time{}, "a date"},
		{[]any{}, "a list"},
		{map[string]any{}, "a mapping"},
		{uint8(1), "uint8"},
	}
	for _, tt := range tests {
		if got := Kind(tt.in); got != tt.want {
			t.Errorf("Kind(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
