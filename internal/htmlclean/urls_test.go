package htmlclean

import (
	"math/rand/v2"
	"net/url"
	"testing"
)

// mustParse is url.Parse for URLs known to parse.
func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestResolveRef(t *testing.T) {
	base := mustParse("https://example.com/blog/posts/hello/")
	tests := []struct {
		name, ref, want string
	}{
		{"document-relative", "./img.png", "https://example.com/blog/posts/hello/img.png"},
		{"bare name", "img.png", "https://example.com/blog/posts/hello/img.png"},
		{"parent", "../x/", "https://example.com/blog/posts/x/"},
		{"above the root", "../../../../x", "https://example.com/x"},
		{"root-relative", "/about/", "https://example.com/about/"},
		{"fragment", "#notes", "https://example.com/blog/posts/hello/#notes"},
		{"query", "?page=2", "https://example.com/blog/posts/hello/?page=2"},
		{"escapes kept", "a%20b.png?x=%2F", "https://example.com/blog/posts/hello/a%20b.png?x=%2F"},
		{"protocol-relative", "//cdn.example.net/a.js", "https://cdn.example.net/a.js"},
		{"absolute", "https://other.example.org/a?b=c#d", "https://other.example.org/a?b=c#d"},
		{"absolute with escapes", "https://x.example/a%2Fb?c=%2C", "https://x.example/a%2Fb?c=%2C"},
		{"mailto", "mailto:jane@example.com", "mailto:jane@example.com"},
		{"data", "data:image/gif;base64,R0lGOD==", "data:image/gif;base64,R0lGOD=="},
		{"tel", "tel:+441234", "tel:+441234"},
		{"empty", "", ""},
		{"spaces trimmed", "  ./a.png ", "https://example.com/blog/posts/hello/a.png"},
		{"unparseable left alone", "http://[::1", "http://[::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolveRef(base, tt.ref); got != tt.want {
				t.Errorf("resolveRef(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
	t.Run("fragment against a base with a fragment", func(t *testing.T) {
		b := mustParse("https://example.com/p/?q=1#old")
		if got := resolveRef(b, "#new"); got != "https://example.com/p/?q=1#new" {
			t.Errorf("got %q", got)
		}
	})
}

func TestResolveSrcset(t *testing.T) {
	base := mustParse("https://example.com/posts/x/")
	tests := []struct {
		name, in, want string
	}{
		{"several candidates", "a.png 1x, /b.png 2x, https://cdn.example.net/c.png 3x",
			"https://example.com/posts/x/a.png 1x, https://example.com/b.png 2x, https://cdn.example.net/c.png 3x"},
		{"widths", "./s.webp 480w, ../l.webp 800w", "https://example.com/posts/x/s.webp 480w, https://example.com/posts/l.webp 800w"},
		{"no descriptor", "a.png", "https://example.com/posts/x/a.png"},
		{"white space", "  a.png\t1x ,\n b.png   2x  ", "https://example.com/posts/x/a.png 1x, https://example.com/posts/x/b.png 2x"},
		{"commas in a CDN URL", "https://res.cloudinary.com/d/image/upload/w_300,h_200/s.jpg 300w, https://res.cloudinary.com/d/image/upload/w_600,h_400/s.jpg 600w",
			"https://res.cloudinary.com/d/image/upload/w_300,h_200/s.jpg 300w, https://res.cloudinary.com/d/image/upload/w_600,h_400/s.jpg 600w"},
		{"comma in a relative URL", "a,b.png 1x", "https://example.com/posts/x/a,b.png 1x"},
		{"data URL", "data:image/png;base64,iVBORw0KGgo= 1x, b.png 2x", "data:image/png;base64,iVBORw0KGgo= 1x, https://example.com/posts/x/b.png 2x"},
		{"URL ending in a comma", "a.png, b.png", "https://example.com/posts/x/a.png, https://example.com/posts/x/b.png"},
		{"javascript dropped", "javascript:alert(1) 1x, ok.png 2x", "https://example.com/posts/x/ok.png 2x"},
		{"empty candidates", " , ,a.png 1x,, ", "https://example.com/posts/x/a.png 1x"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolveSrcset(base, tt.in); got != tt.want {
				t.Errorf("resolveSrcset(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestHasSchemeMatchesParse checks hasScheme against url.Parse: whenever it
// is true, url.Parse gives a scheme or fails.
func TestHasSchemeMatchesParse(t *testing.T) {
	refs := []string{"", ":", ":x", "a:", "http://x.org/", "HTTPS://X", "mailto:a@b", "a+b-c.d:x", "1a:b", "+a:b", "a#b:c",
		"a/b:c", "a?b:c", "./a:b", "/a:b", "//x.org/a", "a", "a b:c", "a\x00:b", "a:\x00", "é:x", "data:,x", "#a:b", "?a:b", "a.b"}
	r := rand.New(rand.NewPCG(9, 10))
	alphabet := "aZ09+-.:/#?% \x00é"
	for range 5000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		refs = append(refs, string(b))
	}
	for _, ref := range refs {
		u, err := url.Parse(ref)
		if hasScheme(ref) && err == nil && u.Scheme == "" {
			t.Errorf("hasScheme(%q) = true, but url.Parse gives no scheme", ref)
		}
	}
	for _, ref := range []string{":x", "http://x.org/", "HTTPS://X", "mailto:a@b", "a+b-c.d:x", "data:,x", "a:\x00"} {
		if !hasScheme(ref) {
			t.Errorf("hasScheme(%q) = false", ref)
		}
	}
	for _, ref := range []string{"", "1a:b", "+a:b", "a#b:c", "a/b:c", "./a:b", "//x.org/a", "#a:b", "é:x"} {
		if hasScheme(ref) {
			t.Errorf("hasScheme(%q) = true", ref)
		}
	}
}
