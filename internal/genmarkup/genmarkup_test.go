package genmarkup

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A testCase is one case of a testdata file, in the layout of goldmark's
// _test/*.txt: a header (a name, then "key: value" lines), then the input,
// the expected output and the expected warnings ("line: text", one a
// line), each after a "//- - -" line; "//= = =" ends the case.
type testCase struct {
	file, name string
	line       int
	opts       Options
	in, want   string
	warns      string
}

const (
	sepPart = "//- - - - - - - - -//"
	sepCase = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// existing are the files Exists reports in the cases of shortcodes.txt.
var existing = map[string]bool{
	"post/other.md": true, "post/bundle/index.md": true, "post/2024/deep.md": true, "first.md": true,
	"content/post/other.md": true, "content/post/2024/deep.md": true,
}

func readCases(t *testing.T, file string, base Options) []testCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	line := 1
	for _, chunk := range strings.Split(text, sepCase+"\n") {
		start := line
		line += strings.Count(chunk, "\n") + 1
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, sepPart+"\n")
		if len(parts) != 4 {
			t.Fatalf("%s:%d: want a header, input, output and warnings, got %d parts", file, start, len(parts))
		}
		c := testCase{file: file, line: start, opts: base, in: parts[1], want: parts[2], warns: parts[3]}
		for i, h := range strings.Split(strings.TrimSpace(parts[0]), "\n") {
			if i == 0 {
				c.name = h
				continue
			}
			k, v, _ := strings.Cut(h, ":")
			switch v = strings.TrimSpace(v); k {
			case "path":
				c.opts.Path = v
			case "root":
				c.opts.Root = v
			case "site":
				c.opts.SiteURL = v
			case "line":
				fmt.Sscan(v, &c.opts.Line)
			case "mdx":
				c.opts.MDX = v == "true"
			default:
				t.Fatalf("%s:%d: unknown header key %q", file, start, k)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

func TestCases(t *testing.T) {
	files := map[string]Options{
		"liquid.txt":     {Syntax: Liquid, SiteURL: "https://example.com/blog/", Path: "post.md"},
		"shortcodes.txt": {Syntax: Shortcodes, Path: "post/page.md", Exists: func(n string) bool { return existing[n] }},
		"mdx.txt":        {MDX: true, Path: "using-mdx.mdx"},
		"plain.txt":      {Syntax: None, Path: "post.md"},
	}
	for name, base := range files {
		for _, c := range readCases(t, filepath.Join("testdata", name), base) {
			t.Run(name+"/"+c.name, func(t *testing.T) {
				got, warns := Transform([]byte(c.in), &c.opts)
				if string(got) != c.want {
					t.Errorf("%s:%d: output\n%s\nwant\n%s", c.file, c.line, got, c.want)
				}
				var w strings.Builder
				for _, x := range warns {
					w.WriteString(x.String() + "\n")
				}
				if w.String() != c.warns {
					t.Errorf("%s:%d: warnings\n%s\nwant\n%s", c.file, c.line, w.String(), c.warns)
				}
			})
		}
	}
}

func TestRelLink(t *testing.T) {
	for _, c := range []struct{ from, to, frag, want string }{
		{"post.md", "2010-07-21-name.md", "", "./2010-07-21-name.md"},
		{"2025/post.md", "2024/2010-07-21-name.md", "", "../2024/2010-07-21-name.md"},
		{"a/b/post.md", "a/x.md", "#top", "../x.md#top"},
		{"a/post.md", "a/b/x.md", "", "./b/x.md"},
		{"post.md", "my post.md", "", "./my%20post.md"},
	} {
		if got := relLink(c.from, c.to, c.frag); got != c.want {
			t.Errorf("relLink(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
