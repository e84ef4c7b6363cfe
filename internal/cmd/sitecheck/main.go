// Command sitecheck proves sitefeed on a site that its generator has just
// built: in the site's root it runs the sitefeed command given (with the
// arguments given, normally none), then checks that every URL in the feeds
// written that points at the site resolves to a file of the built tree, and
// that no file the generator wrote was changed, removed or added beside the
// feeds.
//
//	sitecheck -url https://example.com/ -out public [-own public/index.xml] -- sitefeed
//
// It prints the posts sitefeed published against the items of the
// generator's own feed (-own), the URLs resolved out of those checked, each
// broken URL with the reason and the feeds holding it, whether the
// generator's files are untouched, and how long sitefeed took. It exits 1
// when sitefeed failed, a URL is broken, a generator file was touched, the
// post counts differ, or no URL pointed at the site; 2 on a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/sitefeed/sitefeed/internal/linkcheck"
)

// manifestName is the file sitefeed writes in its output folder.
const manifestName = ".sitefeed-manifest"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	site    *url.URL
	out     string
	own     string
	command []string
}

func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fl := flag.NewFlagSet("sitecheck", flag.ContinueOnError)
	fl.SetOutput(stderr)
	siteURL := fl.String("url", "", "URL the site is published at (required)")
	o := &options{}
	fl.StringVar(&o.out, "out", "", "the generator's output folder (required)")
	fl.StringVar(&o.own, "own", "", "the generator's own feed, whose items are the site's posts")
	if err := fl.Parse(args); err != nil {
		return nil, err
	}
	o.command = fl.Args()
	u, err := url.Parse(*siteURL)
	switch {
	case *siteURL == "" || o.out == "" || len(o.command) == 0:
		return nil, fmt.Errorf("usage: sitecheck -url URL -out DIR [-own FEED] -- COMMAND [ARG...]")
	case err != nil || !u.IsAbs() || u.Host == "":
		return nil, fmt.Errorf("-url %q: not an absolute URL", *siteURL)
	}
	o.site = u
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "sitecheck:", err)
		return 2
	}
	c := &check{o: o, w: stdout}
	if err := c.run(stderr); err != nil {
		fmt.Fprintln(stderr, "sitecheck:", err)
		return 1
	}
	if len(c.failures) > 0 {
		fmt.Fprintf(stdout, "FAIL: %s\n", strings.Join(c.failures, "; "))
		return 1
	}
	fmt.Fprintln(stdout, "PASS")
	return 0
}

// check runs and reports one site.
type check struct {
	o        *options
	w        io.Writer
	failures []string
}

func (c *check) fail(format string, args ...any) {
	c.failures = append(c.failures, fmt.Sprintf(format, args...))
}

func (c *check) run(stderr io.Writer) error {
	tree := os.DirFS(c.o.out)
	before, err := linkcheck.Take(tree)
	if err != nil {
		return err
	}
	cmd := exec.Command(c.o.command[0], c.o.command[1:]...)
	out := prefixed(c.w)
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err = cmd.Run()
	fmt.Fprintf(c.w, "sitefeed: %s, %.2fs\n", status(err), time.Since(start).Seconds())
	if err != nil {
		c.fail("sitefeed %s", status(err))
	}
	after, err := linkcheck.Take(tree)
	if err != nil {
		return err
	}
	d := linkcheck.Compare(before, after)
	feedsDir := ""
	for _, name := range d.Added {
		if path.Base(name) == manifestName {
			feedsDir = path.Dir(name)
		}
	}
	touched := append(append(d.Changed, d.Removed...), linkcheck.Outside(d.Added, feedsDir)...)
	if feedsDir == "" {
		touched = append(d.Changed, d.Removed...)
		c.fail("no feeds written in %s (no %s)", c.o.out, manifestName)
	}
	if len(touched) == 0 {
		fmt.Fprintln(c.w, "generator files untouched: yes")
	} else {
		fmt.Fprintf(c.w, "generator files untouched: NO, %d changed, removed or added outside the feeds folder:\n", len(touched))
		for _, name := range touched {
			fmt.Fprintf(c.w, "  %s\n", filepath.Join(c.o.out, name))
		}
		c.fail("%d generator files touched", len(touched))
	}
	if feedsDir == "" {
		return nil
	}
	return c.links(tree, feedsDir)
}

// links checks the feeds in feedsDir (inside the tree) and counts posts.
func (c *check) links(tree fs.FS, feedsDir string) error {
	sub, err := fs.Sub(tree, feedsDir)
	if err != nil {
		return err
	}
	feeds, err := linkcheck.Collect(sub)
	if err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(c.o.out, feedsDir), err)
	}
	published := 0
	for i := range feeds {
		f := &feeds[i]
		if !strings.Contains(f.File, "/") && f.Items > published {
			published = f.Items // the site feeds are at the top, tag feeds below
		}
		f.File = path.Join(feedsDir, f.File)
		for j := range f.Links {
			f.Links[j].File = f.File
		}
	}
	if c.o.own == "" {
		fmt.Fprintf(c.w, "posts: %d published by sitefeed\n", published)
	} else {
		own, err := countItems(c.o.own)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.w, "posts: %d published by sitefeed, %d by the site (items of %s)\n", published, own, c.o.own)
		if own != published {
			c.fail("sitefeed published %d posts, the site %d", published, own)
		}
	}

	site := linkcheck.Site{URL: c.o.site, Tree: tree}
	results, elsewhere := site.Check(feeds)
	pages, err := site.PageLinks()
	if err != nil {
		return err
	}
	var broken, authors []*linkcheck.Result
	for _, r := range results {
		switch {
		case r.Err == nil:
		case onlyContent(r.Kinds) && linkcheck.OnPages(pages, r.URL):
			authors = append(authors, r)
		default:
			broken = append(broken, r)
		}
	}
	fmt.Fprintf(c.w, "urls: %d of %d site URLs resolved, in %d feed files (%d links elsewhere not checked)\n",
		len(results)-len(broken)-len(authors), len(results), len(feeds), elsewhere)
	for _, r := range broken {
		fmt.Fprintf(c.w, "  broken: %s (%s): %v; in %s\n", r.URL, kinds(r.Kinds), r.Err, files(r.Files))
	}
	if len(authors) > 0 {
		fmt.Fprintf(c.w, "urls in content broken on the site itself too (its own pages link there; not counted as failures): %d\n", len(authors))
		for _, r := range authors {
			fmt.Fprintf(c.w, "  site's own: %s (%s): %v\n", r.URL, kinds(r.Kinds), r.Err)
		}
	}
	c.templates(feeds)
	switch {
	case len(results) == 0:
		c.fail("no URL in the feeds points at %s", c.o.site)
	case len(broken) > 0:
		c.fail("%d broken URLs", len(broken))
	}
	return nil
}

// templates reports the template tags that the items show as text, once
// per item and tag whatever the feeds holding them.
func (c *check) templates(feeds []linkcheck.Feed) {
	seen := map[[2]string]bool{}
	var list []linkcheck.Template
	for _, f := range feeds {
		for _, t := range f.Templates {
			k := [2]string{t.Item, t.Text}
			if !seen[k] {
				seen[k] = true
				list = append(list, t)
			}
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Item < list[j].Item })
	fmt.Fprintf(c.w, "template tags shown as text: %d\n", len(list))
	for _, t := range list {
		fmt.Fprintf(c.w, "  as text: %q in %s\n", t.Text, t.Item)
	}
	if len(list) > 0 {
		c.fail("%d template tags shown as text", len(list))
	}
}

// countItems returns the number of items of a feed file.
func countItems(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", name, err)
	}
	return len(feed.Items), nil
}

// onlyContent reports whether a URL was found only in items' content,
// where its author wrote it.
func onlyContent(list []linkcheck.Kind) bool {
	for _, k := range list {
		if k != linkcheck.Content {
			return false
		}
	}
	return true
}

func kinds(list []linkcheck.Kind) string {
	s := make([]string, len(list))
	for i, k := range list {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// files names the first feed files holding a URL, and how many more.
func files(list []string) string {
	const most = 2
	if len(list) <= most {
		return strings.Join(list, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(list[:most], ", "), len(list)-most)
}

// status describes how the command ended.
func status(err error) string {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return "exit 0"
	case errors.As(err, &ee):
		return fmt.Sprintf("exit %d", ee.ExitCode())
	}
	return err.Error()
}

// prefixed writes the command's output indented under the report.
func prefixed(w io.Writer) io.Writer {
	return &indenter{w: w, start: true}
}

type indenter struct {
	w     io.Writer
	start bool
}

func (in *indenter) Write(p []byte) (int, error) {
	for _, b := range p {
		if in.start {
			if _, err := io.WriteString(in.w, "  | "); err != nil {
				return 0, err
			}
		}
		if _, err := in.w.Write([]byte{b}); err != nil {
			return 0, err
		}
		in.start = b == '\n'
	}
	return len(p), nil
}
