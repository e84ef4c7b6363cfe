package htmlclean

import (
	"net/url"
	"testing"
)

// Quotes in text are written as themselves, in attribute values escaped,
// by both Cleaners.
func TestFinishQuotesInText(t *testing.T) {
	base, _ := url.Parse("https://example.com/posts/a/")
	cases := []struct{ in, want string }{
		{`<p>He said "hi" &amp; it's done</p>`, `<p>He said "hi" &amp; it's done</p>`},
		{`<p><a href="/x?q=&quot;y&quot;">"link"</a></p>`,
			`<p><a href="https://example.com/x?q=&#34;y&#34;">"link"</a></p>`},
		{`<pre><code>fmt.Println("&#34;")</code></pre>`, `<pre><code>fmt.Println(""")</code></pre>`},
		{`<p>&amp;#34; stays</p>`, `<p>&amp;#34; stays</p>`},
	}
	for _, c := range []*Cleaner{Default(), NewReference(HouseRules().Policy())} {
		for _, tc := range cases {
			if got := c.Finish([]byte(tc.in), base); got != tc.want {
				t.Errorf("reference=%v Finish(%q)\n got %q\nwant %q", c.reference, tc.in, got, tc.want)
			}
		}
	}
}
