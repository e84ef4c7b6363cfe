package genmarkup

import (
	"bytes"
	"testing"
)

// benchBody is a post of about 10 KB of Markdown.
var benchBody = bytes.Repeat([]byte("Some *Markdown* with a [link](https://example.com/) and `code`.\n\n"), 150)

// BenchmarkTransform measures a body without template syntax, which each
// syntax must pass over at little cost, and one with some.
func BenchmarkTransform(b *testing.B) {
	withSyntax := append(bytes.Clone(benchBody), "{% highlight go %}\nx\n{% endhighlight %} {{ site.url }}\n{{< youtube x >}}\n"...)
	for _, c := range []struct {
		name string
		body []byte
		o    Options
	}{
		{"plain", benchBody, Options{}},
		{"liquid/none", benchBody, Options{Syntax: Liquid}},
		{"shortcodes/none", benchBody, Options{Syntax: Shortcodes}},
		{"liquid/some", withSyntax, Options{Syntax: Liquid, SiteURL: "https://example.com/"}},
		{"shortcodes/some", withSyntax, Options{Syntax: Shortcodes}},
		{"mdx", benchBody, Options{MDX: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			for b.Loop() {
				Transform(c.body, &c.o)
			}
		})
	}
}
