// Package naive holds the two reference programs sitefeed's performance is
// measured against (see bench/compare):
//
//   - Floor reads every post, parses its front matter with adrg/frontmatter
//     and renders its Markdown with goldmark, on one goroutine, and throws
//     the results away: the least work any feed generator must do.
//   - Naive is the obvious feed generator built from goldmark,
//     adrg/frontmatter and gorilla/feeds: one feeds.Feed for the site and
//     one per tag, every item with its full content, each written with
//     ToRss, ToAtom and ToJSON.
//
// Neither sanitises HTML, absolutizes links or validates anything; they
// exist only to be timed.
package naive

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/adrg/frontmatter"
	"github.com/gorilla/feeds"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// Markdown is the goldmark configuration of sitefeed.DefaultMarkdown (kept
// in step by hand: this package must not import sitefeed, whose tests use
// it).
func Markdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
	)
}

// Meta is the front matter the programs read.
type Meta struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	PubDate     any      `yaml:"pubDate"`
	Date        any      `yaml:"date"`
	PublishDate any      `yaml:"publishDate"`
	UpdatedDate any      `yaml:"updatedDate"`
	Hero        any      `yaml:"hero"`
	Tags        []string `yaml:"tags"`
	Draft       bool     `yaml:"draft"`
}

// Files returns the *.md files under dir, sorted.
func Files(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// readPost reads one post file and parses its front matter.
func readPost(name string) (Meta, []byte, error) {
	var m Meta
	data, err := os.ReadFile(name)
	if err != nil {
		return m, nil, err
	}
	body, err := frontmatter.Parse(bytes.NewReader(data), &m)
	if err != nil {
		return m, nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, body, nil
}

// Floor reads, parses and renders every post under dir on one goroutine and
// discards the results. It returns the number of posts.
func Floor(dir string) (int, error) {
	files, err := Files(dir)
	if err != nil {
		return 0, err
	}
	md := Markdown()
	var buf bytes.Buffer
	for _, name := range files {
		_, body, err := readPost(name)
		if err != nil {
			return 0, err
		}
		buf.Reset()
		if err := md.Convert(body, &buf); err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
	}
	return len(files), nil
}

// Site is what the naive program puts in every feed.
type Site struct {
	Title, Description, URL string
	Author                  feeds.Author
}

type post struct {
	item *feeds.Item
	tags []string
}

// Naive builds the site feed and one feed per tag from the posts under dir
// with gorilla/feeds and writes them under out as rss.xml, atom.xml and
// feed.json (tags in out/tags/<slug>/). It returns the number of files.
func Naive(dir, out string, site Site) (int, error) {
	files, err := Files(dir)
	if err != nil {
		return 0, err
	}
	md := Markdown()
	base := strings.TrimSuffix(site.URL, "/")
	var posts []post
	for _, name := range files {
		m, body, err := readPost(name)
		if err != nil {
			return 0, err
		}
		if m.Draft {
			continue
		}
		var buf bytes.Buffer
		if err := md.Convert(body, &buf); err != nil {
			return 0, fmt.Errorf("%s: %w", name, err)
		}
		slug := strings.TrimSuffix(path.Base(filepath.ToSlash(name)), ".md")
		if slug == "index" {
			slug = path.Base(path.Dir(filepath.ToSlash(name)))
		}
		link := base + "/posts/" + slug + "/"
		it := &feeds.Item{
			Title:       m.Title,
			Link:        &feeds.Link{Href: link},
			Description: m.Description,
			Id:          link,
			Created:     date(m.PubDate, m.Date, m.PublishDate),
			Updated:     date(m.UpdatedDate),
			Content:     buf.String(),
			Author:      &site.Author,
		}
		if h, ok := m.Hero.(string); ok && h != "" {
			if !strings.HasPrefix(h, "http") {
				h = base + "/" + strings.TrimPrefix(h, "/")
			}
			it.Enclosure = &feeds.Enclosure{Url: h, Length: "0", Type: "image/jpeg"}
		}
		posts = append(posts, post{item: it, tags: m.Tags})
	}
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].item.Created.After(posts[j].item.Created) })

	newFeed := func(title, link string) *feeds.Feed {
		return &feeds.Feed{Title: title, Link: &feeds.Link{Href: link}, Description: site.Description, Author: &site.Author}
	}
	all := newFeed(site.Title, site.URL)
	byTag := map[string]*feeds.Feed{}
	for _, p := range posts {
		all.Add(p.item)
		for _, t := range p.tags {
			s := slugify(t)
			f := byTag[s]
			if f == nil {
				f = newFeed(site.Title+": "+t, base+"/tags/"+s+"/")
				byTag[s] = f
			}
			f.Add(p.item)
		}
	}
	if len(posts) > 0 {
		all.Updated = posts[0].item.Created
	}
	n := 0
	write := func(dir string, f *feeds.Feed) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		rss, err := f.ToRss()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "rss.xml"), []byte(rss), 0o644); err != nil {
			return err
		}
		atom, err := f.ToAtom()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "atom.xml"), []byte(atom), 0o644); err != nil {
			return err
		}
		js, err := f.ToJSON()
		if err != nil {
			return err
		}
		n += 3
		return os.WriteFile(filepath.Join(dir, "feed.json"), []byte(js), 0o644)
	}
	if err := write(out, all); err != nil {
		return n, err
	}
	slugs := make([]string, 0, len(byTag))
	for s := range byTag {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	for _, s := range slugs {
		if err := write(filepath.Join(out, "tags", s), byTag[s]); err != nil {
			return n, err
		}
	}
	return n, nil
}

var layouts = []string{time.RFC3339, "2006-01-02", "2006-01-02 15:04", "Jan 02 2006"}

// date returns the first of vs that is a date.
func date(vs ...any) time.Time {
	for _, v := range vs {
		switch v := v.(type) {
		case time.Time:
			return v
		case string:
			for _, l := range layouts {
				if t, err := time.Parse(l, v); err == nil {
					return t
				}
			}
		}
	}
	return time.Time{}
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "tag"
	}
	return b.String()
}
