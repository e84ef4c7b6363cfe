package sitefeed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// This file holds the checks that every output of the hostile-input cases
// (hostile_test.go), of the build modes (buildmodes_test.go), of
// fuzz_test.go and of write_test.go must pass, and the checks of the errors
// they expect:
//
//   - RSS and Atom are well-formed XML 1.0 (a strict encoding/xml decoder
//     reads them to EOF) holding only characters XML 1.0 allows;
//   - JSON Feed is valid JSON, holds only those characters too, and its
//     items have unique, non-empty ids;
//   - a real parser (github.com/mmcdole/gofeed) reads back exactly the feed
//     and item titles, ids and tags of the Set;
//   - every File.Path is a valid, local, slash-separated path, and WriteDir
//     writes exactly those files (and its manifest) under the output folder.

// relSite is the site of every hostile build. Its title has markup and an
// ampersand so that tag feed titles carry them too.
var relSite = Site{
	Title:    `Hostile & <Co> "Feeds"`,
	URL:      "https://example.com/blog/",
	Language: "en",
	Author:   Author{Name: "Site Author", Email: "site@example.com"},
}

// relXMLChar reports whether r is a Char of XML 1.0. It is written apart
// from the library's xmlChar so that the checks do not trust the code they
// check.
func relXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// relForbidden are the characters XML 1.0 forbids that a text file can
// hold: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE and U+FFFF.
var relForbidden = func() []rune {
	var rs []rune
	for r := rune(0); r < 0x20; r++ {
		if r != '\t' && r != '\n' && r != '\r' {
			rs = append(rs, r)
		}
	}
	return append(rs, 0xFFFE, 0xFFFF)
}()

func relCheckText(where, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s: invalid UTF-8 %q", where, s)
	}
	for _, r := range s {
		if !relXMLChar(r) {
			return fmt.Errorf("%s: character U+%04X, which XML 1.0 forbids, in %q", where, r, s)
		}
	}
	return nil
}

// relWellFormedXML reads doc with a strict decoder to EOF and checks that
// its root element is root and that all its text is XML 1.0 characters.
func relWellFormedXML(doc []byte, root string) error {
	if err := relCheckText("document", string(doc)); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("not well-formed: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != root {
					return fmt.Errorf("root element <%s>, want <%s>", tok.Name.Local, root)
				}
			}
			depth++
			for _, a := range tok.Attr {
				if err := relCheckText("attribute "+a.Name.Local, a.Value); err != nil {
					return err
				}
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if err := relCheckText("text", string(tok)); err != nil {
				return err
			}
			if depth == 0 && len(bytes.TrimSpace(tok)) > 0 {
				return errors.New("text outside the root element")
			}
		}
	}
	if depth != 0 || roots != 1 {
		return fmt.Errorf("%d root elements, depth %d at EOF", roots, depth)
	}
	return nil
}

// relJSONFeed is what the checks read of a JSON Feed.
type relJSONFeed struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	Items   []struct {
		ID          string   `json:"id"`
		URL         string   `json:"url"`
		Title       string   `json:"title"`
		Summary     string   `json:"summary"`
		ContentHTML string   `json:"content_html"`
		ContentText string   `json:"content_text"`
		Tags        []string `json:"tags"`
		Authors     []struct {
			Name string `json:"name"`
		} `json:"authors"`
		Attachments []struct {
			URL   string `json:"url"`
			Title string `json:"title"`
		} `json:"attachments"`
	} `json:"items"`
}

// relValidJSONFeed checks that doc is valid JSON whose strings hold only
// XML 1.0 characters (all formats carry the same text), with items that
// have unique, non-empty ids.
func relValidJSONFeed(doc []byte) (*relJSONFeed, error) {
	if !json.Valid(doc) {
		return nil, errors.New("invalid JSON")
	}
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		return nil, err
	}
	var walk func(where string, v any) error
	walk = func(where string, v any) error {
		switch v := v.(type) {
		case string:
			return relCheckText(where, v)
		case []any:
			for i, e := range v {
				if err := walk(fmt.Sprintf("%s[%d]", where, i), e); err != nil {
					return err
				}
			}
		case map[string]any:
			for k, e := range v {
				if err := relCheckText(where+" key", k); err != nil {
					return err
				}
				if err := walk(where+"."+k, e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk("$", v); err != nil {
		return nil, err
	}
	var f relJSONFeed
	if err := json.Unmarshal(doc, &f); err != nil {
		return nil, err
	}
	if f.Version != "https://jsonfeed.org/version/1.1" {
		return nil, fmt.Errorf("version %q", f.Version)
	}
	seen := map[string]bool{}
	for i, it := range f.Items {
		if it.ID == "" {
			return nil, fmt.Errorf("item %d has an empty id", i)
		}
		if seen[it.ID] {
			return nil, fmt.Errorf("item %d repeats id %q", i, it.ID)
		}
		seen[it.ID] = true
	}
	return &f, nil
}

// relRoundTrip parses doc with gofeed and checks that the feed title and
// each item's title, id and tags are exactly those of f.
func relRoundTrip(f *Feed, format Format, doc []byte) error {
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("gofeed: %w", err)
	}
	if want := format.String(); parsed.FeedType != want {
		return fmt.Errorf("gofeed reads a %s feed, want %s", parsed.FeedType, want)
	}
	if parsed.Title != f.Title {
		return fmt.Errorf("feed title reads back as %q, want %q", parsed.Title, f.Title)
	}
	if len(parsed.Items) != len(f.Items) {
		return fmt.Errorf("gofeed reads %d items, want %d", len(parsed.Items), len(f.Items))
	}
	for i, it := range parsed.Items {
		p := f.Items[i]
		if it.Title != p.Title {
			return fmt.Errorf("item %d: title reads back as %q, want %q", i, it.Title, p.Title)
		}
		if err := relIRI(p.ID); err != nil {
			return fmt.Errorf("item %d: %w", i, err)
		}
		want := p.ID
		if format == Atom {
			// gofeed rewrites Atom ids as url.URL.String does: a lower
			// case scheme, non-ASCII characters escaped.
			if u, err := url.Parse(p.ID); err == nil {
				want = u.String()
			}
		}
		if it.GUID != want {
			return fmt.Errorf("item %d: id reads back as %q, want %q", i, it.GUID, want)
		}
		if len(it.Categories) != 0 || len(p.Tags) != 0 {
			if !slices.Equal(it.Categories, p.Tags) {
				return fmt.Errorf("item %d: tags read back as %q, want %q", i, it.Categories, p.Tags)
			}
		}
	}
	return nil
}

// relIRI checks that id is an absolute IRI, as Atom requires of an id: a
// scheme, no character an IRI may not hold, "%" only in escapes, "#" at
// most once.
func relIRI(id string) error {
	scheme, rest, ok := strings.Cut(id, ":")
	if !ok || scheme == "" || !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", rune(scheme[0])) ||
		strings.Trim(strings.ToLower(scheme), "abcdefghijklmnopqrstuvwxyz0123456789+-.") != "" {
		return fmt.Errorf("id %q has no scheme", id)
	}
	if strings.Count(rest, "#") > 1 {
		return fmt.Errorf("id %q has two fragments", id)
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c <= ' ' || c == 0x7F || strings.IndexByte("\"<>\\^`{|}", c) >= 0 {
			return fmt.Errorf("id %q holds %q, which no IRI may", id, c)
		}
		if c == '%' && (i+2 >= len(rest) || strings.Trim(strings.ToLower(rest[i+1:i+3]), "0123456789abcdef") != "") {
			return fmt.Errorf("id %q has a %% that is no escape", id)
		}
	}
	return nil
}

// relCheckPath checks that an output path names a file inside the output
// folder on every system.
func relCheckPath(p string) error {
	if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) {
		return fmt.Errorf("output path %q is not a valid slash-separated path", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("output path %q has a %q segment", p, seg)
		}
	}
	if !filepath.IsLocal(filepath.FromSlash(p)) {
		return fmt.Errorf("output path %q is not local", p)
	}
	return nil
}

// relCheckDoc runs the checks of one document.
func relCheckDoc(f *Feed, format Format, doc []byte) error {
	switch format {
	case RSS:
		if err := relWellFormedXML(doc, "rss"); err != nil {
			return err
		}
	case Atom:
		if err := relWellFormedXML(doc, "feed"); err != nil {
			return err
		}
	case JSON:
		if _, err := relValidJSONFeed(doc); err != nil {
			return err
		}
	}
	return relRoundTrip(f, format, doc)
}

// relCheckSet renders every document of set with Feed.Write, checks each,
// and returns them by path.
func relCheckSet(t testing.TB, set *Set) map[string][]byte {
	t.Helper()
	docs := map[string][]byte{}
	files := set.Files()
	if len(files) != len(set.Feeds())*len(set.Formats) {
		t.Fatalf("%d files for %d feeds in %d formats", len(files), len(set.Feeds()), len(set.Formats))
	}
	for _, file := range files {
		if err := relCheckPath(file.Path); err != nil {
			t.Fatal(err)
		}
		if _, dup := docs[file.Path]; dup {
			t.Fatalf("two documents at %s", file.Path)
		}
		var buf bytes.Buffer
		if err := file.Feed.Write(&buf, file.Format); err != nil {
			t.Fatalf("%s: Write: %v", file.Path, err)
		}
		if err := relCheckDoc(file.Feed, file.Format, buf.Bytes()); err != nil {
			t.Fatalf("%s: %v\n%s", file.Path, err, relHead(buf.Bytes()))
		}
		docs[file.Path] = buf.Bytes()
	}
	return docs
}

// relHead is the start of a document, for failure messages.
func relHead(doc []byte) string {
	if len(doc) > 4000 {
		return string(doc[:4000]) + "…"
	}
	return string(doc)
}

// relCheckWriteDir writes set into a new folder with WriteDir and checks
// that the folder then holds exactly the documents (byte for byte) and the
// manifest: nothing else, no temporary file, no link.
func relCheckWriteDir(t testing.TB, set *Set, docs map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	written, err := set.WriteDir(dir)
	if err != nil {
		t.Fatalf("WriteDir: %v", err)
	}
	// The files beside the feeds (Set.ExtraFiles) have tests of their own.
	extras := set.ExtraFiles()
	written = slices.DeleteFunc(written, func(w Written) bool { return slices.Contains(extras, w.Path) })
	if len(written) != len(docs) {
		t.Fatalf("WriteDir wrote %d files, want %d", len(written), len(docs))
	}
	for _, w := range written {
		want, ok := docs[w.Path]
		if !ok {
			t.Fatalf("WriteDir wrote %s, which is not a File of the set", w.Path)
		}
		if w.Size != int64(len(want)) {
			t.Fatalf("%s: Size %d, want %d", w.Path, w.Size, len(want))
		}
	}
	found := map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return fmt.Errorf("%s is not inside %s", p, dir)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return fmt.Errorf("WriteDir left a link at %s", rel)
		}
		if d.IsDir() {
			return nil
		}
		name := filepath.ToSlash(rel)
		if name == ManifestName || slices.Contains(extras, name) {
			return nil
		}
		want, ok := docs[name]
		if !ok {
			return fmt.Errorf("unexpected file %s after WriteDir", name)
		}
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("%s differs from Feed.Write's document", name)
		}
		found[name] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != len(docs) {
		t.Fatalf("WriteDir left %d documents, want %d", len(found), len(docs))
	}
}

// A relWant is the error a hostile row must get: a sentinel in its chain
// (or, for errors of the file system, a text), and the *PostError's Path
// and Line. mentions are texts the message must hold, such as the other
// file of a duplicate.
type relWant struct {
	is       error
	text     string
	path     string
	line     int
	mentions []string
}

// relExpect checks that err is one PostError as w describes, formatted
// "path:line: cause".
func relExpect(t testing.TB, err error, w relWant) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v at %s:%d", w.is, w.path, w.line)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok && len(j.Unwrap()) != 1 {
		t.Fatalf("%d errors, want 1: %v", len(j.Unwrap()), err)
	}
	if w.is != nil && !errors.Is(err, w.is) {
		t.Fatalf("error %q: want %q in its chain", err, w.is)
	}
	if w.text != "" && !strings.Contains(err.Error(), w.text) {
		t.Fatalf("error %q: want it to say %q", err, w.text)
	}
	var pe *PostError
	if !errors.As(err, &pe) {
		t.Fatalf("error %q (%T) holds no *PostError", err, err)
	}
	if pe.Path != w.path || pe.Line != w.line {
		t.Fatalf("error %q at %s:%d, want %s:%d", err, pe.Path, pe.Line, w.path, w.line)
	}
	// A path with a control character or invalid UTF-8 is quoted, so that
	// the message stays on one line.
	path := w.path
	if !utf8.ValidString(path) || strings.ContainsFunc(path, unicode.IsControl) {
		path = strconv.Quote(path)
	}
	prefix := fmt.Sprintf("%s:%d: ", path, w.line)
	if w.line == 0 {
		prefix = path + ": "
	}
	if strings.ContainsAny(pe.Error(), "\n\r") {
		t.Fatalf("error %q is more than one line", pe.Error())
	}
	if !strings.HasPrefix(pe.Error(), prefix) || len(pe.Error()) == len(prefix) {
		t.Fatalf("error %q does not read %q followed by a cause", pe.Error(), prefix)
	}
	if len(pe.Error()) > 500 {
		t.Fatalf("error is %d bytes long: %.200q…", len(pe.Error()), pe.Error())
	}
	for _, m := range w.mentions {
		if !strings.Contains(err.Error(), m) {
			t.Fatalf("error %q does not name %s", err, m)
		}
	}
}

// relExpectAll checks that err joins exactly one PostError per want, in
// any order.
func relExpectAll(t *testing.T, err error, wants []relWant) {
	t.Helper()
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v (%T) is not a joined list", err, err)
	}
	errs := j.Unwrap()
	if len(errs) != len(wants) {
		t.Fatalf("%d errors, want %d:\n%v", len(errs), len(wants), err)
	}
	for _, w := range wants {
		i := slices.IndexFunc(errs, func(e error) bool {
			var pe *PostError
			return errors.As(e, &pe) && pe.Path == w.path
		})
		if i < 0 {
			t.Fatalf("no error for %s in:\n%v", w.path, err)
		}
		relExpect(t, errors.Join(errs[i]), w)
		if _, list := err.(ErrorList); !list && !strings.Contains(err.Error(), errs[i].Error()) {
			t.Fatalf("the joined message does not list %s", w.path)
		}
	}
}
