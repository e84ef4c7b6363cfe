package sitefeed

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The tests in this file validate the golden outputs with validators other
// people wrote:
//
//   - JSON Feed against the JSON Feed 1.1 JSON Schema of the npm package
//     jsonfeed-schema@0.5.0 (testdata/schema/jsonfeed-1.1.json, ISC licence
//     in testdata/schema/jsonfeed-schema-LICENSE), with
//     github.com/santhosh-tekuri/jsonschema/v6 and format assertions on;
//   - Atom against the RELAX NG schema of RFC 4287 Appendix B
//     (testdata/schema/atom-rfc4287.rnc) with jing;
//   - RSS and Atom well-formedness with xmllint (libxml2).
//
// jing and xmllint are external programs (Debian packages jing and
// libxml2-utils). When one is missing its test is skipped, except in CI
// (the environment variable CI set, as CI services do): there it fails, so
// that a missing tool never passes silently.

const (
	jsonFeedSchema = "testdata/schema/jsonfeed-1.1.json"
	atomSchema     = "testdata/schema/atom-rfc4287.rnc"
)

// inCI reports whether the tests run in continuous integration.
func inCI() bool {
	v := strings.TrimSpace(os.Getenv("CI"))
	if v == "" {
		return false
	}
	b, err := strconv.ParseBool(v)
	return err != nil || b // CI=true, CI=1, CI=yes...; not CI=false or CI=0
}

// needTool returns the path of an external program, or skips the test
// (fails it in CI) when the program is not installed.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if inCI() {
		t.Fatalf("%s is required in CI (CI=%s) but not installed: %v; install the Debian package %s", name, os.Getenv("CI"), err, pkg)
	}
	t.Skipf("%s not installed (Debian package %s); skipped outside CI", name, pkg)
	return ""
}

func TestJSONFeedSchema(t *testing.T) {
	abs, err := filepath.Abs(jsonFeedSchema)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // "uri" and "date-time" are assertions, not annotations
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("compile %s: %v", jsonFeedSchema, err)
	}
	validate := func(t *testing.T, data []byte) error {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		return sch.Validate(inst)
	}

	// The schema and the validator must catch what they are here for.
	t.Run("self-check", func(t *testing.T) {
		bad := map[string]string{
			"no items":         `{"version": "https://jsonfeed.org/version/1.1", "title": "x"}`,
			"no id":            `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"content_text": "x"}]}`,
			"no content":       `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1"}]}`,
			"bad date":         `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_text": "x", "date_published": "19 Sep 2024"}]}`,
			"relative url":     `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "home_page_url": "/x y", "items": []}`,
			"attachment size":  `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_text": "x", "attachments": [{"url": "https://x.org/a", "mime_type": "image/png", "size_in_bytes": "10"}]}]}`,
			"gorilla banner_":  `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_text": "x", "banner_image": 5}]}`,
			"attachment no mt": `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_text": "x", "attachments": [{"url": "https://x.org/a"}]}]}`,
		}
		for _, name := range sortedNames(bad) {
			if err := validate(t, []byte(bad[name])); err == nil {
				t.Errorf("%s: the schema accepted %s", name, bad[name])
			}
		}
		good := `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}`
		if err := validate(t, []byte(good)); err != nil {
			t.Errorf("the schema rejected a minimal feed: %v", err)
		}
	})

	n := 0
	for _, g := range goldenFeeds(t) {
		if g.Format != JSON {
			continue
		}
		n++
		t.Run(g.Case+"/"+g.Path, func(t *testing.T) {
			if err := validate(t, g.Data); err != nil {
				var ve *jsonschema.ValidationError
				if errors.As(err, &ve) {
					t.Errorf("JSON Feed 1.1 schema:\n%v", ve)
				} else {
					t.Errorf("JSON Feed 1.1 schema: %v", err)
				}
			}
		})
	}
	if n == 0 {
		t.Error("no golden JSON Feed outputs")
	}
}

// toolCase is one file handed to an external validator.
type toolCase struct {
	name string // subtest name
	path string // file on disk
	bad  bool   // a self-check file the tool must reject
}

// writeGolden writes the golden outputs of the given formats under dir,
// plus the bad self-check documents, and returns them.
func writeGolden(t *testing.T, dir string, formats map[Format]bool, bad map[string]string) []toolCase {
	t.Helper()
	var cases []toolCase
	for _, g := range goldenFeeds(t) {
		if !formats[g.Format] {
			continue
		}
		path := filepath.Join(dir, g.Case, filepath.FromSlash(g.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, g.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, toolCase{name: g.Case + "/" + g.Path, path: path})
	}
	if len(cases) == 0 {
		t.Fatal("no golden outputs to validate")
	}
	for _, name := range sortedNames(bad) {
		path := filepath.Join(dir, "self-check", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(bad[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, toolCase{name: "self-check/" + name, path: path, bad: true})
	}
	return cases
}

// runTool runs the tool over every file at once (one start of the JVM for
// jing) and reports, per file, the output lines that name it. The tool must
// exit with status 0 or 1 (validation errors); anything else fails the
// test.
func runTool(t *testing.T, cases []toolCase, name string, args ...string) {
	t.Helper()
	for _, c := range cases {
		args = append(args, c.path)
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() == 1:
	case errors.As(err, &exit) && filepath.Base(name) == "xmllint" && exit.ExitCode() <= 9:
		// xmllint exits 1 to 9 for the kinds of parse error.
	default:
		t.Fatalf("%s did not run: %v\n%s", filepath.Base(name), err, out)
	}
	byFile := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	last := "" // lines that name no file (xmllint's context) go with the previous one
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "Picked up ") || // JAVA_TOOL_OPTIONS notice
			strings.HasPrefix(line, "[warning] ") && strings.Contains(line, "Unable to locate") { // Debian's jing script, without its recommended jars
			continue
		}
		for _, c := range cases {
			if strings.HasPrefix(line, c.path+":") {
				last = c.path
				break
			}
		}
		if strings.TrimSpace(line) != "" {
			byFile[last] = append(byFile[last], line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if other := byFile[""]; len(other) > 0 {
		t.Errorf("%s printed lines naming no file:\n%s", filepath.Base(name), strings.Join(other, "\n"))
	}
	anyBad := false
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := byFile[c.path]
			switch {
			case c.bad && len(lines) == 0:
				t.Errorf("%s accepted a document it must reject", filepath.Base(name))
			case !c.bad && len(lines) > 0:
				t.Errorf("%s:\n%s", filepath.Base(name), strings.Join(lines, "\n"))
			}
		})
		anyBad = anyBad || c.bad
	}
	if anyBad && err == nil {
		t.Errorf("%s exited 0 although a self-check document is invalid", filepath.Base(name))
	}
}

// TestAtomRelaxNG validates every golden Atom output against the RFC 4287
// RELAX NG schema with jing.
func TestAtomRelaxNG(t *testing.T) {
	jing := needTool(t, "jing", "jing")
	schema, err := filepath.Abs(atomSchema)
	if err != nil {
		t.Fatal(err)
	}
	// gorilla/feeds-style mistakes the schema must reject.
	bad := map[string]string{
		"category-without-term.xml": `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated><author><name>a</name></author>` +
			`<entry><title>e</title><id>urn:e</id><updated>2024-01-01T00:00:00Z</updated><category>text</category><content>c</content></entry></feed>`,
		"empty-updated.xml": `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:x</id><updated></updated></feed>`,
		"author-without-name.xml": `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>` +
			`<author><email>a@x.org</email></author></feed>`,
	}
	cases := writeGolden(t, t.TempDir(), map[Format]bool{Atom: true}, bad)
	runTool(t, cases, jing, "-c", schema)
}

// TestXMLWellFormed checks every golden RSS and Atom output with xmllint.
func TestXMLWellFormed(t *testing.T) {
	xmllint := needTool(t, "xmllint", "libxml2-utils")
	bad := map[string]string{
		"raw-ampersand.xml":   `<rss version="2.0"><channel><title>a & b</title></channel></rss>`,
		"control-char.xml":    "<rss version=\"2.0\"><channel><title>a\x08b</title></channel></rss>",
		"cdata-broken.xml":    `<rss version="2.0"><channel><description><![CDATA[a ]]> b ]]></description></channel></rss>` + "]]>",
		"invalid-utf8.xml":    "<rss version=\"2.0\"><channel><title>a\xffb</title></channel></rss>",
		"unclosed-entity.xml": `<feed xmlns="http://www.w3.org/2005/Atom"><title>&amp</title></feed>`,
	}
	cases := writeGolden(t, t.TempDir(), map[Format]bool{RSS: true, Atom: true}, bad)
	runTool(t, cases, xmllint, "--noout", "--nonet")
}
