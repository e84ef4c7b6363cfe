package htmlclean

import (
	"bytes"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// sanitizeSlow is what the house policy makes of doc.
func sanitizeSlow(doc []byte) string {
	return Default().sanitizeWhole(doc)
}

// sanitizeFragments are pieces of HTML, Markdown's and hostile.
var sanitizeFragments = []string{
	"text ", "&amp; ", "&lt;x&gt; ", "&quot;q&quot; ", "it's ", `"q" `, "a > b ", "a < b ", "&copy; ", "&#x21a9;&#xfe0e; ",
	"&amp ", "&unknown; ", "\n", "\r\n", "\x00", "\t", "é ", "<p>", "</p>", "<P>", "</P >", "<br>", "<br/>", "<hr>", "<hr />",
	"<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", `<code class="language-go">`, "<pre>", "</pre>",
	"<blockquote>", "</blockquote>", "<ul>", "</ul>", "<ol>", `<ol start="3">`, "</ol>", "<li>", "</li>",
	`<h2 id="a-heading">`, "</h2>", `<a href="../b/">`, `<a href="https://x.org/?a=1&amp;b=2" title="t &quot;q&quot;">`,
	`<a href="javascript:alert(1)">`, `<a href="#fn:1" class="footnote-ref" role="doc-noteref">`, "</a>", "<a>",
	`<a href="x y">`, `<a href=" https://x.org/ ">`, `<a HREF='single'>`, `<a href=bare>`, `<a href="x" href="y">`,
	`<img src="i.png" alt="alt">`, `<img src="data:image/png;base64,AAAA" alt="">`, `<img src=x onerror=alert(1)>`,
	`<img srcset="a.png 1x, b.png 2x" src="c.png">`, `<input checked="" disabled="" type="checkbox">`, `<input type="text">`,
	`<th style="text-align:left">`, "</th>", "<table>", "</table>", "<del>", "</del>", `<sup id="fnref:1">`, "</sup>",
	`<div class="footnotes" role="doc-endnotes">`, "</div>", `<section class="footnotes">`, "</section>",
	"<script>alert(1)</script>", "<style>p{}</style>", "</script>", "<textarea>", "</textarea>", "<title>", "<iframe src=\"v.html\">",
	"</iframe>", "<!-- comment -->", "<!DOCTYPE html>", "<svg><![CDATA[x]]></svg>", "<math>", "<object>", "</object>",
	`<span onclick="x">`, "</span>", "<noscript>", "<details>", "<summary>", "</summary>", "</details>", "<kbd>",
	`<video src="v.mp4" controls="">`, "</video>", `<source srcset="s.webp" type="image/webp"/>`, "<foo>", "</foo>",
	`<a href="HTTP://X.org/A">`, `<a href="//x.org/p">`, `<a href="x%zz">`, `<a href="?q=1&amp;r=%20">`, `<a href="">`,
	`<a href=" ">`, `<a href="tel:+1">`, `<a href="ftp://x.org/">`, `<a href="data:text/html,x">`, `<a href="%">`,
	`<a href="http://[::1]:8/">`, `<a href="https://x.org/é?ü#ö">`, "<a href=\"\u00a0x\">", "<a href=\"\fx\">",
	`<a href="mailto:a@b.c">`, `<a href="a&amp;b&c">`, `<a href="#top">`, `<a href="./a b/">`, `<a href="x#y#z">`,
	`<a href="https://x.org/%2F?a=%zz">`, `<a href="a:b">`, `<a href="1:2">`, `<h1 id="x">`, `<h6 id="a b &amp; c">`,
	`<h3 id="é-1">`, `<h2 id="">`, `<h7 id="x">`, `<h2 id="x" class="y">`, `<h2 id='x'>`, "</h1>", "</h6>",
	"<", ">", "</", "<a", `<a href="`, "<!--", "<?php ?>", "<![CDATA[x]]>", "&#0;", "&#13;", "\u2028",
	`<img src="/images/a b.jpg" alt="A">`, `<img src="./figure.png" alt="The city's skyline (2024), dusk">`,
	`<img src="https://x.org/i.png?a=1&amp;b=2" alt="Ünïcödé 日本 [1] - x_y! a/b \\ c.">`, `<img src="i.png" alt="">`,
	`<img src="i.png" alt="a: b?">`, `<img src="i.png" alt="a &amp; b">`, `<img src="i.png" alt="a &quot;q&quot;">`,
	`<img src="javascript:x" alt="a">`, `<img src="" alt="a">`, `<img src="i.png" alt="a" title="t">`,
	`<img src="i.png" alt="tab\there">`, "<img src=\"i.png\" alt=\"line\nbreak\">", "<img src=\"i.png\" alt=\"cr\r\nlf\">", `<img src="mailto:a@b" alt="m">`,
	`<img src=" i.png " alt="s">`, `<img src="i.png" alt="a" alt="b">`, `<img src="i.png" alt="x"/>`, `<IMG src="i.png" alt="x">`,
	`<a href="#fnref:1" class="footnote-backref" role="doc-backlink">`, `<a href="#fnref1:2" class="footnote-backref" role="doc-backlink">`,
	`<li id="fn:1">`, `<li id="fn:12">`, "</li>", `<sup id="fnref1:2">`, `<sup id="a&amp;b">`, `<li id="">`, `<sup id="x" class="y">`,
	`<a href="#fn:1" class="x" role="y z">`, `<a href="#fn:1" class="Footnote-ref" role="doc-noteref">`, `<a href="#fn:1" class="" role="doc-noteref">`,
	`<a href="javascript:x" class="a" role="b">`, `<a href="#fn:1" role="doc-noteref" class="footnote-ref">`, `<a href="#fn:1" class="a" role="">`,
	`<a href="https://x.org/#fn:1" class="footnote-ref" role="doc-noteref">`, `<a href="#fn:1" class="a" role="b" id="c">`,
}

// randomDoc returns a document of up to max fragments.
func randomDoc(r *rand.Rand, frags []string, max int) []byte {
	var b strings.Builder
	for range 1 + r.IntN(max) {
		b.WriteString(frags[r.IntN(len(frags))])
	}
	return []byte(b.String())
}

// TestSanitizeMatchesPolicy checks, on documents made of fragments, that
// each fast path writes what the policy writes, taking its fast path
// often, and that Finish writes what the reference Cleaner writes.
func TestSanitizeMatchesPolicy(t *testing.T) {
	t.Parallel()
	c := Default()
	r := rand.New(rand.NewPCG(5, 6))
	fast, scanned := 0, 0
	for i := range 20000 {
		doc := randomDoc(r, sanitizeFragments, 16)
		var got bytes.Buffer
		got.WriteString("kept")
		if c.sanitizeTokens(&got, doc, nil) {
			fast++
			if want := "kept" + sanitizeSlow(doc); got.String() != want {
				t.Fatalf("doc %d %q:\nfast %q\nwant %q", i, doc, got.String(), want)
			}
		}
		got.Reset()
		if c.sanitizeScan(&got, doc, nil) {
			scanned++
			if want := sanitizeSlow(doc); got.String() != want {
				t.Fatalf("doc %d %q:\nscan %q\nwant %q", i, doc, got.String(), want)
			}
		}
		got.Reset()
		if c.sanitizeFast(&got, doc, nil) {
			if want := sanitizeSlow(doc); got.String() != want {
				t.Fatalf("sanitizeFast(%q) = %q, want %q", doc, got.String(), want)
			}
		}
		if fastDoc, slowDoc := finishBoth(doc); fastDoc != slowDoc {
			t.Fatalf("Finish(%q):\nfast %q\nslow %q", doc, fastDoc, slowDoc)
		}
	}
	t.Logf("fast paths on %d (tokens) and %d (scan) of 20000 documents", fast, scanned)
	if fast < 2000 || scanned < 1000 {
		t.Errorf("fast paths taken on only %d (tokens) and %d (scan) of 20000 documents", fast, scanned)
	}
}

// TestSanitizeCommonTag checks the tags sanitizeCommonTag handles, on their
// own, against the policy.
func TestSanitizeCommonTag(t *testing.T) {
	t.Parallel()
	handled := 0
	for _, tag := range sanitizeFragments {
		clean, _, ok := sanitizeCommonTag([]byte(tag))
		if !ok {
			continue
		}
		handled++
		if want := sanitizeSlow([]byte(tag)); string(clean) != want {
			t.Errorf("sanitizeCommonTag(%q) = %q, want %q", tag, clean, want)
		}
	}
	if handled < 15 {
		t.Errorf("sanitizeCommonTag handled %d fragments", handled)
	}
}

// TestSanitizeOnMarkdown checks that Markdown's HTML takes the fast path
// and gives the policy's bytes.
func TestSanitizeOnMarkdown(t *testing.T) {
	t.Parallel()
	c := Default()
	docs := markdownDocs(t, 200, 9)
	fell := 0
	for name, doc := range docs {
		if fast, slow := finishBoth(doc); fast != slow {
			t.Fatalf("%s: Finish differs:\nfast %q\nslow %q", name, fast, slow)
		}
		want := sanitizeSlow(doc)
		var scan, tokens bytes.Buffer
		if !c.sanitizeScan(&scan, doc, nil) {
			fell++
		} else if scan.String() != want {
			t.Fatalf("%s: scan differs:\n%q\nwant\n%q", name, scan.String(), want)
		}
		if !c.sanitizeTokens(&tokens, doc, nil) {
			fell++
		} else if tokens.String() != want {
			t.Fatalf("%s: fast path differs:\n%q\nwant\n%q", name, tokens.String(), want)
		}
	}
	if fell > len(docs)/20 {
		t.Errorf("fast path declined %d of %d posts", fell, len(docs))
	}
}

// finishBase is the post URL the sanitiser tests resolve links against.
var finishBase, _ = url.Parse("https://example.com/blog/posts/a/")

// finishBoth is Finish with the house policy, with the fast path and
// without.
func finishBoth(doc []byte) (fast, slow string) {
	return Default().Finish(doc, finishBase), NewReference(Default().Policy()).Finish(doc, finishBase)
}

// FuzzSanitize: the fast paths write what the policy writes, and Finish
// what the reference Cleaner writes.
func FuzzSanitize(f *testing.F) {
	for _, s := range sanitizeFragments {
		f.Add(s)
	}
	f.Add("<p>Hello <a href=\"/x\">x</a> &amp; <em>it's</em></p>\n<!-- c --><h2 id=\"h\">H</h2>")
	c := Default()
	f.Fuzz(func(t *testing.T, doc string) {
		if clean, _, ok := sanitizeCommonTag([]byte(doc)); ok {
			if want := sanitizeSlow([]byte(doc)); string(clean) != want {
				t.Fatalf("sanitizeCommonTag(%q) = %q, want %q", doc, clean, want)
			}
		}
		if fast, slow := finishBoth([]byte(doc)); fast != slow {
			t.Fatalf("Finish(%q):\nfast %q\nslow %q", doc, fast, slow)
		}
		if n := plainTagLen([]byte(doc)); n > 0 {
			z := html.NewTokenizer(strings.NewReader(doc))
			if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken || len(z.Raw()) != n {
				t.Fatalf("plainTagLen(%q) = %d; the tokenizer reads %v of %d bytes", doc, n, tt, len(z.Raw()))
			}
		}
		var scan bytes.Buffer
		if c.sanitizeScan(&scan, []byte(doc), nil) {
			if want := sanitizeSlow([]byte(doc)); scan.String() != want {
				t.Fatalf("%q:\nscan %q\nwant %q", doc, scan.String(), want)
			}
		}
		var got bytes.Buffer
		if c.sanitizeTokens(&got, []byte(doc), nil) {
			if want := sanitizeSlow([]byte(doc)); got.String() != want {
				t.Fatalf("%q:\nfast %q\nwant %q", doc, got.String(), want)
			}
		}
	})
}

// BenchmarkFinish cleans the HTML of 200 generated posts with the house
// policy, with the fast path and without.
func BenchmarkFinish(b *testing.B) {
	docs := markdownDocs(b, 200, 7)
	for _, c := range []struct {
		name string
		c    *Cleaner
	}{{"fast", Default()}, {"reference", NewReference(Default().Policy())}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, doc := range docs {
					c.c.Finish(doc, finishBase)
				}
			}
		})
	}
}
