package itemenc

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"math/rand/v2"
	"strings"
	"testing"
)

// samples are strings that exercise every branch of the escapers: every
// byte alone and after "a", every escaping edge, and random strings of
// markup, controls, invalid UTF-8, surrogates and non-characters.
func samples() []string {
	s := []string{
		"", "plain", `<p class="x">Tom &amp; 'Jerry' > "cat"</p>`, "tab\tnew\nline\rcr",
		"]]>", "a]]>b]]>c", "]]]>>", "]]", "]>", "\u2028\u2029", "a\u2028b\u2029c", "\uFFFD", "\uFFFE\uFFFF", "\uFFFDx\uFFFE",
		"\U0001F600 emoji", "\U0010FFFF", "\xf4\x90\x80\x80 past U+10FFFF", "\xc0\xaf overlong",
		"\xff\xfe bad", "\xed\xa0\x80 surrogate", "\xed\xbf\xbf", "trailing \xe2\x82", "\xe2\x82",
		"\x00\x01\x08\x0b\x0c\x1f\x7f", "é日本語 ελλάδα", `back\slash "quote"`, "\u0085\u00a0\u200b",
	}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
		s = append(s, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	s = append(s, string(all))
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{
		"a", "<", ">", "&", `"`, "'", "\\", "\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f", "]", "]]>", "é",
		"\u2028", "\u2029", "\xff", "\xe2\x82", "\xed\xa0\x80", "\uFFFD", "\uFFFE", "\uFFFF", "\U0001F600",
	}
	for range 2000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s = append(s, b.String())
	}
	for range 500 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		s = append(s, string(b))
	}
	return s
}

// checkEscapers compares each escaper with the standard library on s.
func checkEscapers(t *testing.T, s string) {
	t.Helper()
	var want, got bytes.Buffer
	xml.EscapeText(&want, []byte(s))
	xmlEscape(&got, s)
	if got.String() != want.String() {
		t.Errorf("xmlEscape(%q) = %q, want %q", s, got.String(), want.String())
	}

	want.Reset()
	got.Reset()
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	jsonEscape(&got, s)
	if w := strings.TrimSuffix(want.String(), "\n"); `"`+got.String()+`"` != w {
		t.Errorf("jsonEscape(%q) = %q, want %s", s, got.String(), w)
	}

	if s == "" {
		return // a ,cdata field writes nothing for ""
	}
	got.Reset()
	out, err := xml.Marshal(struct {
		XMLName xml.Name `xml:"x"`
		C       string   `xml:",cdata"`
	}{C: s})
	if err != nil {
		t.Fatal(err)
	}
	cdataEscape(&got, s)
	if w := string(out); "<x><![CDATA["+got.String()+"]]></x>" != w {
		t.Errorf("cdataEscape(%q) = %q, want it inside %q", s, got.String(), w)
	}
}

func TestEscapersMatchStdlib(t *testing.T) {
	t.Parallel()
	for _, s := range samples() {
		checkEscapers(t, s)
	}
}

// TestEscapersAppend checks that the escapers append to what a buffer
// holds, whether or not it has room.
func TestEscapersAppend(t *testing.T) {
	t.Parallel()
	for _, esc := range []func(*bytes.Buffer, string){xmlEscape, jsonEscape, cdataEscape} {
		for _, room := range []int{0, 3, 1 << 10} {
			buf := bytes.NewBuffer(make([]byte, 0, room))
			buf.WriteString("ab")
			esc(buf, "c<d")
			esc(buf, "e")
			if s := buf.String(); !strings.HasPrefix(s, "abc") || !strings.HasSuffix(s, "de") {
				t.Errorf("room %d: %q", room, s)
			}
		}
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range samples()[:40] {
		f.Add(s)
	}
	f.Fuzz(checkEscapers)
}

// BenchmarkEscapers escapes generated post HTML.
func BenchmarkEscapers(b *testing.B) {
	var doc strings.Builder
	r := rand.New(rand.NewPCG(7, 8))
	words := []string{"the", "feed", "élan", "日本", "<p>", "</p>", `<a href="https://example.com/a?b=1&amp;c=2">`, "</a>", "<code>x &lt; y</code>", "\n", "don't", `"quoted"`}
	for doc.Len() < 1<<20 {
		doc.WriteString(words[r.IntN(len(words))])
		doc.WriteByte(' ')
	}
	s := doc.String()
	for _, e := range []struct {
		name string
		esc  func(*bytes.Buffer, string)
	}{{"xml", xmlEscape}, {"json", jsonEscape}, {"cdata", cdataEscape}} {
		b.Run(e.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				buf.Reset()
				e.esc(&buf, s)
			}
		})
	}
}
