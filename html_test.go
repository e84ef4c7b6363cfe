package sitefeed

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitefeed/sitefeed/internal/htmlclean"
)

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
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
		{"text that looks like an attribute", `<p>src="a.png" href=b</p>`, `<p>src="a.png" href=b</p>`},
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

// TestFinishHTMLOnMarkdown checks that finishHTMLBytes writes, for what
// DefaultMarkdown renders, what the reference cleaner writes with the
// house policy.
func TestFinishHTMLOnMarkdown(t *testing.T) {
	posts, err := LoadDir(corpusFS(100, 9), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	base := mustURL(t, "https://example.com/blog/posts/a/")
	reference := htmlclean.NewReference(htmlclean.HouseRules().Policy())
	for _, p := range posts {
		var rendered bytes.Buffer
		if err := DefaultMarkdown().Convert(p.Body, &rendered); err != nil {
			t.Fatal(err)
		}
		if got, want := finishHTMLBytes(rendered.Bytes(), base), reference.Finish(rendered.Bytes(), base); got != want {
			t.Fatalf("%s: finishHTMLBytes differs:\n%s", p.Path, diffLines(want, got))
		}
	}
}
