package genmarkup

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
)

// markdownify renders inline Markdown as Hugo's markdownify does: HTML
// without the paragraph around a single paragraph, on one line.
func markdownify(s string) string {
	if s == "" {
		return ""
	}
	var b bytes.Buffer
	if err := goldmark.Convert([]byte(s), &b); err != nil {
		return ""
	}
	r := strings.TrimSpace(b.String())
	if strings.HasPrefix(r, "<p>") && strings.HasSuffix(r, "</p>") && strings.Count(r, "<p>") == 1 {
		r = r[3 : len(r)-4]
	}
	return strings.ReplaceAll(r, "\n", " ")
}

// stripTags removes the tags of HTML, keeping its text (escaped as it was).
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			in = true
		case c == '>' && in:
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return b.String()
}
