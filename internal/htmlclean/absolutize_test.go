package htmlclean

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// TestAbsolutizeScanUsed checks that absolutizeScan handles the policy's
// output for typical posts rather than declining.
func TestAbsolutizeScanUsed(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://example.com/posts/a/")
	p := HouseRules().Policy()
	docs := markdownDocs(t, 100, 3)
	fell := 0
	for _, doc := range docs {
		var clean, out bytes.Buffer
		if err := p.SanitizeReaderToWriter(bytes.NewReader(doc), &clean); err != nil {
			t.Fatal(err)
		}
		if !absolutizeScan(&out, clean.Bytes(), base) {
			fell++
		}
	}
	if fell > len(docs)/20 {
		t.Errorf("absolutizeScan fell back on %d of %d posts", fell, len(docs))
	}
}

// TestAbsolutizeScanMatchesTokens checks, on documents made of tag-like
// fragments, that absolutizeScan either declines or writes what
// absolutizeTokens writes.
func TestAbsolutizeScanMatchesTokens(t *testing.T) {
	t.Parallel()
	base, _ := url.Parse("https://example.com/blog/posts/a/")
	frags := []string{
		"text ", "&amp; ", "&lt;x&gt; ", "\n", "<p>", "</p>", "<br/>", "<hr>", `<a href="../b/">`, "</a>",
		`<a href="https://x.org/?a=1&amp;b=2">`, `<a href="#n" title="it&#39;s &#34;q&#34;">`, `<img src="i.png" alt="" loading="lazy"/>`,
		`<img srcset="a.png 1x, b.png 2x" src="c.png">`, `<a href="x&copy=1">`, `<a href=bare>`,
		`<a href="x"y>`, `<A HREF="up.html">`, `<a  href="two-spaces">`, `<a href="tab	x">`, "</iframe>",
		`<a href="&#13;cr">`, `<video poster="p.jpg" src="v.mp4" controls="">`, `<q cite="c.html">`,
		`<a href="/root">`, `<a href="mailto:x@y">`, `<a href="x">`, `<source srcset="s.webp" type="image/webp"/>`,
	}
	// Fragments after which absolutizeScan must decline, kept rare.
	bad := []string{"<", ">", `"`, "<a", "<iframe src=\"v\">", "<!-- c -->", "<textarea>", `<a href='single'>`}
	r := rand.New(rand.NewPCG(3, 4))
	declined := 0
	for i := range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			if r.IntN(50) == 0 {
				b.WriteString(bad[r.IntN(len(bad))])
			} else {
				b.WriteString(frags[r.IntN(len(frags))])
			}
		}
		doc := []byte(b.String())
		var fast, want bytes.Buffer
		if !absolutizeScan(&fast, doc, base) {
			declined++
			continue
		}
		absolutizeTokens(&want, doc, base)
		if fast.String() != want.String() {
			t.Fatalf("doc %d %q:\nfast %q\nwant %q", i, doc, fast.String(), want.String())
		}
	}
	t.Logf("declined %d of 3000", declined)
	if declined > 2000 {
		t.Errorf("absolutizeScan declined %d of 3000 documents", declined)
	}
}

// TestHasURLAttr checks hasURLAttr on tags with and without a URL
// attribute.
func TestHasURLAttr(t *testing.T) {
	for _, tag := range []string{`<a href="x">`, `<img src="i.png">`, `<source srcset="s.webp 1x">`, `<video poster="p.jpg">`,
		`<q cite="c.html">`, `<img longdesc="d.html">`} {
		if !hasURLAttr([]byte(tag)) {
			t.Errorf("hasURLAttr(%q) = false", tag)
		}
	}
	for _, tag := range []string{`<p>`, `<a title="t">`, `<h2 id="x">`, `</a>`, `<img alt="a">`} {
		if hasURLAttr([]byte(tag)) {
			t.Errorf("hasURLAttr(%q) = true", tag)
		}
	}
}
