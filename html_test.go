package sitefeed

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestResolveRef(t *testing.T) {
	base := mustURL(t, "https://example.com/blog/posts/hello/")
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
		b := mustURL(t, "https://example.com/p/?q=1#old")
		if got := resolveRef(b, "#new"); got != "https://example.com/p/?q=1#new" {
			t.Errorf("got %q", got)
		}
	})
}

func TestResolveSrcset(t *testing.T) {
	base := mustURL(t, "https://example.com/posts/x/")
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

// TestFinishHTML checks the sanitiser policy and the URL rewriting
// together, as Build applies them.
func TestFinishHTML(t *testing.T) {
	base := mustURL(t, "https://example.com/posts/x/")
	tests := []struct {
		name, in, want string
	}{
		{"script removed", `<p>a</p><script>alert(1)</script><p>b</p>`, `<p>a</p><p>b</p>`},
		{"style element removed", `<style>p{}</style><p>a</p>`, `<p>a</p>`},
		{"event handlers removed", `<img src="a.png" onerror="x()" onload="y()"><b onclick="z()">b</b>`, `<img src="https://example.com/posts/x/a.png"><b>b</b>`},
		{"javascript: link removed", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"javascript: in upper case", `<a href="JAVASCRIPT:alert(1)">x</a>`, `x`},
		{"javascript: with an entity", `<a href="java&#09;script:alert(1)">x</a>`, `x`},
		{"vbscript: removed", `<a href="vbscript:x">x</a>`, `x`},
		{"data: link removed", `<a href="data:text/html,hi">x</a>`, `x`},
		{"data: image kept", `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`, `<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`},
		{"style attribute removed", `<p style="color:red">s</p>`, `<p>s</p>`},
		{"forms removed", `<form action="/x"><input type="text" name="q"><button>Go</button></form>`, `Go`},
		{"task-list checkbox kept", `<input type="checkbox" checked disabled onchange="x()">`, `<input type="checkbox" checked="" disabled="">`},
		{"object and embed removed", `<object data="x.swf"></object><embed src="y">`, ``},
		{"meta and base removed", `<meta http-equiv="refresh" content="0"><base href="https://evil.example/">`, ``},
		{"svg removed", `<svg onload="x()"><circle/></svg>`, ``},
		{"figure, class and id kept", `<figure class="wide" id="f"><img src="/a.png" alt="A"><figcaption>C</figcaption></figure>`,
			`<figure class="wide" id="f"><img src="https://example.com/a.png" alt="A"><figcaption>C</figcaption></figure>`},
		{"details kept", `<details><summary>S</summary>D</details>`, `<details><summary>S</summary>D</details>`},
		{"video poster and source", `<video poster="p.jpg" controls><source src="v.webm" type="video/webm"></video>`,
			`<video poster="https://example.com/posts/x/p.jpg" controls=""><source src="https://example.com/posts/x/v.webm" type="video/webm"></video>`},
		{"audio and track", `<audio src="a.mp3" controls><track src="a.vtt" kind="captions"></audio>`,
			`<audio src="https://example.com/posts/x/a.mp3" controls=""><track src="https://example.com/posts/x/a.vtt" kind="captions"></audio>`},
		{"picture source srcset", `<picture><source srcset="a.webp 1x, b.webp 2x"><img src="a.jpg"></picture>`,
			`<picture><source srcset="https://example.com/posts/x/a.webp 1x, https://example.com/posts/x/b.webp 2x"><img src="https://example.com/posts/x/a.jpg"></picture>`},
		{"blockquote cite", `<blockquote cite="../src/">q</blockquote>`, `<blockquote cite="https://example.com/posts/src/">q</blockquote>`},
		{"no rel=nofollow added", `<a href="https://x.example/">t</a>`, `<a href="https://x.example/">t</a>`},
		{"unchanged tags copied byte for byte", `<p class="a">x &amp; y<br>z</p>`, `<p class="a">x &amp; y<br>z</p>`},
		{"text that looks like an attribute", `<p>src="a.png" href=b</p>`, `<p>src=&#34;a.png&#34; href=b</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := finishHTML(tt.in, base); got != tt.want {
				t.Errorf("finishHTML(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"first paragraph", `<p>One <em>two</em>.</p><p>Three.</p>`, "One two."},
		{"entities decoded", `<p>Fish &amp; chips &lt;3</p>`, "Fish & chips <3"},
		{"white space collapsed", "<p>a\n  b\t c</p>", "a b c"},
		{"heading skipped", `<h1>Title</h1><p>Body.</p>`, "Body."},
		{"image-only paragraph skipped", `<p><img src="x" alt="alt"></p><p>Text.</p>`, "Text."},
		{"empty paragraph skipped", `<p> </p><p>Second.</p>`, "Second."},
		{"list skipped", `<ul><li>item</li></ul><p>para</p>`, "para"},
		{"paragraph in a blockquote", `<blockquote><p>quoted</p></blockquote><p>para</p>`, "quoted"},
		{"line breaks are spaces", `<p>one<br>two<br/>three</p>`, "one two three"},
		{"footnote reference left out", `<p>Claim.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup> More.</p>`, "Claim. More."},
		{"other superscripts kept", `<p>E = mc<sup>2</sup>.</p>`, "E = mc2."},
		{"no paragraph", `<pre><code>code</code></pre>`, ""},
		{"empty", ``, ""},
		{"unclosed paragraph", `<p>open`, "open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := excerpt(tt.in); got != tt.want {
				t.Errorf("excerpt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCut(t *testing.T) {
	word := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	tests := []struct {
		name, in, want string
	}{
		{"short kept", "a b c", "a b c"},
		{"exactly the limit kept", strings.Repeat("x", excerptLength), strings.Repeat("x", excerptLength)},
		// 70 words of 4 letters and a space: 349 characters, of which
		// 55 words end before character 279 (with room for the …).
		{"cut between words", word(70, "abcd"), word(55, "abcd") + "…"},
		// 100 times "ab, ": 69 end before character 279.
		{"punctuation before the cut dropped", word(100, "ab,"), strings.TrimSuffix(word(69, "ab,"), ",") + "…"},
		{"one long word cut inside", strings.Repeat("y", 400), strings.Repeat("y", excerptLength-1) + "…"},
		{"multi-byte letters counted once", word(100, "राजनीति"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cut(tt.in)
			if n := utf8.RuneCountInString(got); n > excerptLength {
				t.Errorf("cut is %d characters, more than %d", n, excerptLength)
			}
			if !utf8.ValidString(got) {
				t.Errorf("cut is not valid UTF-8: %q", got)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("cut(%q)\n = %q\nwant %q", tt.in, got, tt.want)
			}
			if tt.in != got && !strings.HasSuffix(got, "…") {
				t.Errorf("a cut summary does not end in …: %q", got)
			}
			if body := strings.TrimSuffix(got, "…"); !strings.HasPrefix(tt.in, body) {
				t.Errorf("cut %q is not a prefix of the input", body)
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
