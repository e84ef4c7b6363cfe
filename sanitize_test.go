package sitefeed

import (
	"bytes"
	"golang.org/x/net/html"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

// sanitizeSlow is what the sanitizer policy makes of doc.
func sanitizeSlow(doc []byte) string {
	var out bytes.Buffer
	if sanitizer().SanitizeReaderToWriter(bytes.NewReader(doc), &out) != nil {
		return ""
	}
	return out.String()
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
}

// TestSanitizeTokensMatchesPolicy checks, on documents made of fragments,
// that sanitize writes what the policy writes, taking its fast path often.
func TestSanitizeTokensMatchesPolicy(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	fast, scanned := 0, 0
	for i := range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(16) {
			b.WriteString(sanitizeFragments[r.IntN(len(sanitizeFragments))])
		}
		doc := []byte(b.String())
		var got bytes.Buffer
		got.WriteString("kept")
		if sanitizeTokens(&got, doc, nil) {
			fast++
			if want := "kept" + sanitizeSlow(doc); got.String() != want {
				t.Fatalf("doc %d %q:\nfast %q\nwant %q", i, doc, got.String(), want)
			}
		}
		got.Reset()
		if sanitizeScan(&got, doc, nil) {
			scanned++
			if want := sanitizeSlow(doc); got.String() != want {
				t.Fatalf("doc %d %q:\nscan %q\nwant %q", i, doc, got.String(), want)
			}
		}
		got.Reset()
		if sanitizeFast(&got, doc, nil) {
			if want := sanitizeSlow(doc); got.String() != want {
				t.Fatalf("sanitizeFast(%q) = %q, want %q", doc, got.String(), want)
			}
		}
		if fastDoc, slowDoc := finishBoth(doc); fastDoc != slowDoc {
			t.Fatalf("finishHTMLBytes(%q):\nfast %q\nslow %q", doc, fastDoc, slowDoc)
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
	handled := 0
	for _, tag := range sanitizeFragments {
		clean, ok := sanitizeCommonTag([]byte(tag))
		if !ok {
			continue
		}
		handled++
		if want := sanitizeSlow([]byte(tag)); clean != want {
			t.Errorf("sanitizeCommonTag(%q) = %q, want %q", tag, clean, want)
		}
	}
	if handled < 15 {
		t.Errorf("sanitizeCommonTag handled %d fragments", handled)
	}
}

// TestSanitizeTokensOnMarkdown checks that Markdown's HTML takes the fast
// path and gives the policy's bytes.
func TestSanitizeTokensOnMarkdown(t *testing.T) {
	md := DefaultMarkdown()
	posts, err := LoadDir(corpusFS(200, 9), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	fell := 0
	for _, p := range posts {
		var rendered, got bytes.Buffer
		if err := md.Convert(p.Body, &rendered); err != nil {
			t.Fatal(err)
		}
		if fast, slow := finishBoth(rendered.Bytes()); fast != slow {
			t.Fatalf("%s: finishHTMLBytes differs:\n%s", p.Path, diffLines(slow, fast))
		}
		var scan bytes.Buffer
		if !sanitizeScan(&scan, rendered.Bytes(), nil) {
			fell++
		} else if want := sanitizeSlow(rendered.Bytes()); scan.String() != want {
			t.Fatalf("%s: scan differs:\n%s", p.Path, diffLines(want, scan.String()))
		}
		if !sanitizeTokens(&got, rendered.Bytes(), nil) {
			fell++
			continue
		}
		if want := sanitizeSlow(rendered.Bytes()); got.String() != want {
			t.Fatalf("%s: fast path differs:\n%s\nwant\n%s", p.Path, diffLines(want, got.String()), want)
		}
	}
	if fell > len(posts)/20 {
		t.Errorf("fast path declined %d of %d posts", fell, len(posts))
	}
}

// finishBase is the post URL the sanitiser tests resolve links against.
var finishBase, _ = url.Parse("https://example.com/blog/posts/a/")

// finishBoth is finishHTMLBytes with the fast paths, and without.
func finishBoth(doc []byte) (fast, slow string) {
	fast = finishHTMLBytes(doc, finishBase)
	slowPaths = true
	defer func() { slowPaths = false }()
	return fast, finishHTMLBytes(doc, finishBase)
}

func FuzzSanitize(f *testing.F) {
	for _, s := range sanitizeFragments {
		f.Add(s)
	}
	f.Add("<p>Hello <a href=\"/x\">x</a> &amp; <em>it's</em></p>\n<!-- c --><h2 id=\"h\">H</h2>")
	f.Fuzz(func(t *testing.T, doc string) {
		if clean, ok := sanitizeCommonTag([]byte(doc)); ok {
			if want := sanitizeSlow([]byte(doc)); clean != want {
				t.Fatalf("sanitizeCommonTag(%q) = %q, want %q", doc, clean, want)
			}
		}
		if fast, slow := finishBoth([]byte(doc)); fast != slow {
			t.Fatalf("finishHTMLBytes(%q):\nfast %q\nslow %q", doc, fast, slow)
		}
		if n := plainTagLen([]byte(doc)); n > 0 {
			z := html.NewTokenizer(strings.NewReader(doc))
			if tt := z.Next(); tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken || len(z.Raw()) != n {
				t.Fatalf("plainTagLen(%q) = %d; the tokenizer reads %v of %d bytes", doc, n, tt, len(z.Raw()))
			}
		}
		var scan bytes.Buffer
		if sanitizeScan(&scan, []byte(doc), nil) {
			if want := sanitizeSlow([]byte(doc)); scan.String() != want {
				t.Fatalf("%q:\nscan %q\nwant %q", doc, scan.String(), want)
			}
		}
		var got bytes.Buffer
		if sanitizeTokens(&got, []byte(doc), nil) {
			if want := sanitizeSlow([]byte(doc)); got.String() != want {
				t.Fatalf("%q:\nfast %q\nwant %q", doc, got.String(), want)
			}
		}
	})
}
