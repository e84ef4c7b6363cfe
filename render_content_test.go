package sitefeed

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitefeed/sitefeed/internal/itemenc"
)

// escapeSamples are strings of markup, controls, invalid UTF-8 and
// characters XML does not allow.
func escapeSamples() []string {
	s := []string{
		"", "plain", `<p class="x">Tom &amp; 'Jerry' > "cat"</p>`, "tab\tnew\nline\rcr",
		"]]>", "a]]>b]]>c", "]]]>>", "\u2028\u2029", "\uFFFD", "\uFFFE\uFFFF", "\U0001F600 emoji",
		"\xff\xfe bad", "\xed\xa0\x80 surrogate", "trailing \xe2\x82", "\x00\x01\x08\x0b\x0c\x1f\x7f",
		"é日本語 ελλάδα", `back\slash "quote"`,
	}
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	s = append(s, string(all))
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "<", ">", "&", `"`, "'", "\\", "\n", "\t", "\r", "\x00", "\x1f", "]", "]]>", "é", "\u2028", "\xff", "\xe2\x82", "\uFFFD", "\U0001F600"}
	for range 500 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s = append(s, b.String())
	}
	return s
}

// fastPathSet builds a generated corpus, with a few posts whose HTML is
// given. (The fast paths of HTML cleaning and front matter have their own
// switches and differential tests, in internal/htmlclean and
// internal/frontmatter.)
func fastPathSet(t *testing.T) *Set {
	t.Helper()
	posts, err := LoadDir(corpusFS(300, 7), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	// A few posts whose HTML is given, with what the fast paths must leave
	// to the slow ones.
	for i, h := range []string{
		`<p>A <iframe src="v.html">x</iframe> <a href="../a/">a</a></p>`,
		`<p>See <a href="x/" title="a > b">x</a> <img src="i.png" srcset="i.png 1x, j.png 2x"></p>`,
		`<p>Title]]> with <code>&lt;</code> and "]]>" and <a href="#top">top</a><!-- c --></p>`,
		"<p>Bad \xff byte and \u2028 separator <a href='q.html'>q</a> <textarea>t</textarea></p>",
	} {
		posts = append(posts, &Post{Title: "Given " + string(rune('A'+i)), HTML: h, Published: posts[0].Published, Slug: "given-" + string(rune('a'+i))})
	}
	set, err := Build(Site{Title: "T ]]> & <x>", URL: "https://example.com/blog/"}, posts, nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestFastPathsMatch checks that the fast item encoder gives the bytes the
// reference encoder gives.
func TestFastPathsMatch(t *testing.T) {
	set := fastPathSet(t)
	for _, p := range set.Posts {
		for _, format := range []Format{RSS, Atom, JSON} {
			var a, b bytes.Buffer
			if err := encodeItem(&a, format, &set.Site, p); err != nil {
				t.Fatal(err)
			}
			if err := encodeItemWith(&b, itemenc.Reference, format, &set.Site, p); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Errorf("%s %v: item differs:\n%s\nwant\n%s", p.Path, format, a.String(), b.String())
			}
		}
	}
}

func TestCleanHTMLMatchesCleanText(t *testing.T) {
	for _, s := range escapeSamples() {
		if got, want := cleanHTML(s), cleanText(s); got != want {
			t.Errorf("cleanHTML(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestWriteDirMatchesFeedWrite checks that WriteDir, which encodes each
// post once and copies it into its feeds from parallel writers while the
// next chunk of posts is encoded, writes what Feed.Write writes.
func TestWriteDirMatchesFeedWrite(t *testing.T) {
	set := fastPathSet(t)
	if len(set.Posts) <= encodeChunk {
		t.Fatalf("%d posts: want more than one chunk of %d", len(set.Posts), encodeChunk)
	}
	dir := t.TempDir()
	written, err := set.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range written {
		if w.Feed == nil {
			continue // a file beside the feeds (Set.ExtraFiles)
		}
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(w.Path)))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := w.Feed.Write(&want, w.Format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) || w.Size != int64(want.Len()) {
			t.Errorf("%s: WriteDir wrote %d bytes (reported %d), Feed.Write %d, or other bytes", w.Path, len(got), w.Size, want.Len())
		}
	}
}
