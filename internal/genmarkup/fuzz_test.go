package genmarkup

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzTransform checks that Transform never panics, keeps the lines of
// its input where it warns, and leaves no Liquid tag or shortcode in the
// output of input it does not warn about.
func FuzzTransform(f *testing.F) {
	for _, name := range []string{"liquid.txt", "shortcodes.txt", "mdx.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range strings.Split(string(data), sepCase) {
			parts := strings.Split(c, sepPart+"\n")
			if len(parts) == 4 {
				f.Add([]byte(parts[1]), byte(0))
				f.Add([]byte(parts[1]), byte(1))
				f.Add([]byte(parts[1]), byte(2))
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, mode byte) {
		o := &Options{SiteURL: "https://example.com/blog/", Path: "a/post.md", Line: 3}
		switch mode % 4 {
		case 0:
			o.Syntax = Liquid
		case 1:
			o.Syntax = Shortcodes
		case 2:
			o.MDX = true
		case 3:
			o.MDX, o.Syntax = true, Liquid
		}
		out, warns := Transform(body, o)
		lines := 3 + bytes.Count(body, []byte("\n"))
		for _, w := range warns {
			if w.Line < 3 || w.Line > lines {
				t.Errorf("warning on line %d, outside the body (lines 3 to %d): %s", w.Line, lines, w.Text)
			}
		}
		if len(warns) > 0 || bytes.Contains(body, []byte("{{{")) {
			return // "{{" before a shortcode is text, and so is "{{" + "<a …>"
		}
		switch o.Syntax {
		case Liquid:
			if bytes.Contains(body, []byte("raw")) || bytes.ContainsAny(body, `"'`) {
				return // {% raw %} and {{ "{%" }} print Liquid as text
			}
			if tok, ok := nextLiquid(out, 0); ok {
				t.Errorf("Liquid %q left in %q: %q", out[tok.start:tok.end], body, out)
			}
		case Shortcodes:
			if bytes.Contains(body, []byte("/*")) {
				return // the comment form prints a shortcode as text
			}
			if sc, found, ok := nextShortcode(out, 0); found && ok {
				t.Errorf("shortcode %q left in %q: %q", out[sc.start:sc.end], body, out)
			}
		}
	})
}
