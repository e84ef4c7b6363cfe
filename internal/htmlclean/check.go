package htmlclean

import "bytes"

// The probes New runs through the policy: for each shortcut of the fast
// path, inputs of every form it answers for itself.
var (
	// textProbes are documents of text alone, with the character
	// references Markdown writes and others.
	textProbes = []string{
		"plain text\n", `a &amp; b &lt;c&gt; &quot;q&quot; it's "q" a > b`, "&copy; &#x21a9;&#xfe0e; &unknown; &amp é\t",
		"cr\r\nlf", "&#0; &#13;",
	}
	// commentProbes are what the fast path drops when the policy does.
	commentProbes = []string{"<!-- comment -->", "<!DOCTYPE html>"}
	// commonProbes are tags of each kind sanitizeCommonTag answers for.
	commonProbes = [commonKinds][]string{
		linkTag: {
			`<a href="post/">`, `<a href="../b/">`, `<a href="/root">`, `<a href="#fn:1">`, `<a href="?q=1&amp;r=%20">`,
			`<a href="//x.org/p">`, `<a href="http://example.com/">`, `<a href="https://x.org/?a=1&amp;b=2#f">`,
			`<a href="HTTP://X.org/A">`, `<a href="https://x.org/é?ü#ö">`, `<a href=" https://x.org/ ">`, `<a href="mailto:a@b.c">`,
			`<a href="a%20b/">`,
		},
		headingTag: {`<h1 id="x">`, `<h2 id="a-heading">`, `<h3 id="é-1">`, `<h6 id="a b: c.d_e">`, `<h4 id="fn:1.2">`},
		imageTag: {
			`<img src="i.png" alt="alt">`, `<img src="/images/a%20b.jpg" alt="A">`, `<img src="./figure.png" alt="The city's skyline (2024), dusk">`,
			`<img src="https://x.org/i.png?a=1&amp;b=2" alt="Ünïcödé 日本 [1] - x_y! a/b \ c.">`, `<img src="i.png" alt="">`,
			`<img src="//cdn.x.org/i.png" alt="a, b!">`, `<img src="http://x.org/i.png" alt="x">`, `<img src="mailto:a@b" alt="m">`,
		},
		footnoteTag: {
			`<sup id="fnref:1">`, `<sup id="fnref1:23">`, `<sup id="fnref:a b-c_é">`, `<li id="fn:1">`, `<li id="fn:999">`,
			`<a href="#fn:1" class="footnote-ref" role="doc-noteref">`, `<a href="#fnref:12" class="footnote-backref" role="doc-backlink">`,
			`<a href="#fnref1:2" class="footnote-backref" role="doc-backlink">`, `<a href="https://x.org/p/#fn:1" class="footnote-ref" role="doc-noteref">`,
		},
	}
)

// check finds which shortcuts of the fast path the policy agrees with.
func (c *Cleaner) check() {
	c.fast = true
	for _, p := range textProbes {
		want := c.sanitizeWhole([]byte(p))
		var got bytes.Buffer
		if c.sanitizeScan(&got, []byte(p), nil) && got.String() != want {
			c.fast = false
		}
		got.Reset()
		if !c.sanitizeTokens(&got, []byte(p), nil) || got.String() != want {
			c.fast = false
		}
	}
	c.dropsComments = true
	for _, p := range commentProbes {
		if c.sanitizeWhole([]byte(p)) != "" {
			c.dropsComments = false
		}
	}
	for k, probes := range commonProbes {
		c.common[k] = true
		for _, p := range probes {
			clean, _, ok := sanitizeCommonTag([]byte(p))
			if !ok || string(clean) != c.sanitizeWhole([]byte(p)) {
				c.common[k] = false
			}
		}
	}
}

// sanitizeWhole is what the policy makes of doc.
func (c *Cleaner) sanitizeWhole(doc []byte) string {
	var out bytes.Buffer
	if c.policy.SanitizeReaderToWriter(bytes.NewReader(doc), &out) != nil {
		return ""
	}
	return out.String()
}

// maxClasses is the most tag classes a Cleaner remembers the policy's
// agreement for; tags of others are checked each time.
const maxClasses = 4096

// commonAgrees reports whether the policy makes clean of raw, a tag of
// class that sanitizeCommonTag made clean of: it asks the policy about the
// first tag of each class and remembers the answer.
func (c *Cleaner) commonAgrees(class tagClass, raw, clean []byte) bool {
	if !c.common[class.kind] {
		return false
	}
	c.mu.RLock()
	agrees, seen := c.classes[class]
	c.mu.RUnlock()
	if seen {
		return agrees
	}
	want, _ := c.sanitizeTagAlone(raw)
	agrees = bytes.Equal(want, clean)
	c.mu.Lock()
	if len(c.classes) < maxClasses {
		c.classes[class] = agrees
	}
	c.mu.Unlock()
	return agrees
}
