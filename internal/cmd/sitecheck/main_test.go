package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// feed is an RSS feed whose one item links to link.
func feed(link string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.com/</link><description>d</description>` +
		`<item><title>i</title><link>` + link + `</link><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`
}

// writeFiles writes files (name: content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRun(t *testing.T) {
	site := map[string]string{
		"out/index.html":     `<a href="one/">one</a> <a href="/gone/">gone</a>`,
		"out/one/index.html": "one",
		"out/rss.xml":        feed("https://example.com/one/"),
		"made/rss.xml":       feed("https://example.com/one/"),
		"made/broken.xml":    feed("https://example.com/two/"),
		"made/author.xml":    strings.Replace(feed("https://example.com/one/"), "&lt;p&gt;x", `&lt;a href="/gone/"&gt;x&lt;/a&gt;&lt;a href="/lost/"&gt;y`, 1),
	}
	// Each script stands for sitefeed: it writes into out/feeds.
	const feeds = "mkdir -p out/feeds && touch out/feeds/.sitefeed-manifest && "
	for _, tc := range []struct {
		name   string
		script string
		code   int
		want   []string
	}{
		{"pass", feeds + "cp made/rss.xml out/feeds/rss.xml", 0, []string{
			"sitefeed: exit 0",
			"generator files untouched: yes",
			"posts: 1 published by sitefeed, 1 by the site (items of out/rss.xml)",
			"urls: 2 of 2 site URLs resolved, in 1 feed files (0 links elsewhere not checked)",
			"template tags shown as text: 0",
			"PASS",
		}},
		{"broken", feeds + "cp made/broken.xml out/feeds/rss.xml", 1, []string{
			"urls: 1 of 2 site URLs resolved",
			"  broken: https://example.com/two/ (item link): no file two/index.html; in feeds/rss.xml",
			"FAIL: 1 broken URLs",
		}},
		{"author", feeds + "cp made/author.xml out/feeds/rss.xml", 1, []string{
			"urls: 2 of 4 site URLs resolved",
			"  broken: https://example.com/lost/ (content): no file lost/index.html; in feeds/rss.xml",
			"urls in content broken on the site itself too (its own pages link there; not counted as failures): 1",
			"  site's own: https://example.com/gone/ (content): no file gone/index.html",
			"FAIL: 1 broken URLs",
		}},
		{"touched", feeds + "cp made/rss.xml out/feeds/rss.xml && echo x >> out/index.html && rm out/one/index.html && touch out/new.html", 1, []string{
			"generator files untouched: NO, 3 changed, removed or added outside the feeds folder:",
			"  out/index.html",
			"  out/one/index.html",
			"  out/new.html",
			"FAIL: 3 generator files touched; 1 broken URLs",
		}},
		{"count", feeds + "cp made/rss.xml out/feeds/rss.xml && cp made/rss.xml out/feeds/atom.xml && sed -i 's|</channel>|<item><title>j</title><link>https://example.com/</link></item></channel>|' out/feeds/rss.xml", 1, []string{
			"posts: 2 published by sitefeed, 1 by the site (items of out/rss.xml)",
			"FAIL: sitefeed published 2 posts, the site 1",
		}},
		{"none", "echo nothing; exit 3", 1, []string{
			"  | nothing",
			"sitefeed: exit 3",
			"FAIL: sitefeed exit 3; no feeds written in out (no .sitefeed-manifest)",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, site)
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			code := run([]string{"-url", "https://example.com/", "-out", "out", "-own", "out/rss.xml", "--", "sh", "-c", tc.script}, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit status %d, want %d\n%s%s", code, tc.code, stdout.String(), stderr.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout.String(), w+"\n") && !strings.Contains(stdout.String(), w+",") {
					t.Errorf("output lacks %q:\n%s", w, stdout.String())
				}
			}
		})
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"-url", "https://example.com/", "-out", "out"},
		{"-url", "/relative/", "-out", "out", "--", "true"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}
