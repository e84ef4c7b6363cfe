package main

import (
	"encoding/json"
	"testing"
	"time"
)

// TestText: a settings value is read as text by the rule front matter
// values are read by (then trimmed), so that a boolean, a number or a
// date where text is wanted is taken as written.
func TestText(t *testing.T) {
	tests := []struct {
		in   any
		want string
		err  string
	}{
		{nil, "", ""},
		{"  My site ", "My site", ""},
		{true, "true", ""},
		{42, "42", ""},
		{int64(7), "7", ""},
		{2.5, "2.5", ""},
		{json.Number("10"), "10", ""},
		{time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), "2024-06-01T12:00:00Z", ""},
		{[]any{"a"}, "", "want text, got a list"},
		{map[string]any{"a": "b"}, "", "want text, got a mapping"},
	}
	for _, tt := range tests {
		got, err := text(tt.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("text(%#v) = %q, %q; want %q, %q", tt.in, got, gotErr, tt.want, tt.err)
		}
	}
}

// TestSetKey: each key of a settings file sets its setting, folders
// relative to the file's folder.
func TestSetKey(t *testing.T) {
	s := defaultSettings()
	in := map[string]any{
		"title": " T ", "description": "D", "url": "https://example.com/", "lang": "en",
		"copyright": "C", "icon": "i.png", "logo": "l.png", "permalink": "/p/{slug}/",
		"tagurl": "t/{tag}/", "feedsurl": "feeds/", "timezone": "UTC",
		"now": time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC),
		"src": "posts", "out": "/abs/out", "static": "public",
		"drafts": true, "limit": 3, "tags": false,
	}
	if err := s.applyConfig("conf/sitefeed.yaml", in); err != nil {
		t.Fatal(err)
	}
	got := []string{s.site.Title, s.site.Description, s.site.URL, s.site.Language, s.site.Copyright,
		s.site.Icon, s.site.Logo, s.site.Permalink, s.site.TagURL, s.feedsURL, s.timezone, s.now,
		s.src, s.out, s.static}
	want := []string{"T", "D", "https://example.com/", "en", "C",
		"i.png", "l.png", "/p/{slug}/", "t/{tag}/", "feeds/", "UTC", "2024-06-01T12:00:00Z",
		"conf/posts", "/abs/out", "conf/public"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("setting %d = %q, want %q", i, got[i], want[i])
		}
	}
	if !s.drafts || s.limit != 3 || s.tags {
		t.Errorf("drafts, limit, tags = %v, %d, %v", s.drafts, s.limit, s.tags)
	}
	if err := s.setKey("titel", "x", "."); err == nil || err.Error() != "unknown key; did you mean title?" {
		t.Errorf("unknown key: %v", err)
	}
	if err := s.setKey("src", "", "."); err == nil {
		t.Error("an empty src is accepted")
	}
}
