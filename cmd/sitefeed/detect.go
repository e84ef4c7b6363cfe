package main

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/generator"
)

// feedsDir is the folder, inside a detected generator's output folder, that
// the feeds are written to: apart from the generator's own feeds (Astro's
// rss.xml, Hugo's index.xml, jekyll-feed's feed.xml).
const feedsDir = "feeds"

// generators are the names -generator takes, besides "none".
var generators = []generator.Name{generator.Astro, generator.Eleventy, generator.Hugo, generator.Jekyll, generator.Zola}

// detect recognises the generator of the site in the working directory,
// unless a settings file was found (configName), -generator none is given,
// or SRC or -src names the posts without -generator. It returns nil when
// there is nothing to detect.
func detect(c *cmdline, configName string) (*generator.Site, error) {
	force := generator.Name(c.generator)
	switch {
	case force == "none", force == "" && (configName != "" || c.set["src"]):
		return nil, nil
	case force != "" && !isGenerator(force):
		return nil, usageError(fmt.Sprintf("-generator %s: want one of astro, eleventy, hugo, jekyll, zola, or none", c.generator))
	}
	var g *generator.Site
	var err error
	if force != "" {
		g, err = generator.DetectAs(os.DirFS("."), force)
	} else {
		g, err = generator.Detect(os.DirFS("."))
	}
	if err != nil {
		return nil, fmt.Errorf("reading the site's configuration: %v (pass -generator none to skip it)", err)
	}
	if g == nil && force != "" {
		return nil, usageError(fmt.Sprintf("-generator %s: no configuration of %s in the working directory", force, force))
	}
	return g, nil
}

func isGenerator(n generator.Name) bool {
	for _, g := range generators {
		if g == n {
			return true
		}
	}
	return false
}

// applyDetected sets what the generator's configuration says as the
// defaults that the flags then override.
func (s *settings) applyDetected(g *generator.Site, c *cmdline) {
	s.generator = g
	s.site.URL = g.SiteURL
	s.site.Title, s.site.Description, s.site.Language = g.Title, g.Description, g.Language
	s.site.Author = sitefeed.ParseAuthor(g.Author)
	for i, p := range g.Posts {
		dir := filepath.FromSlash(p.Dir)
		if i == 0 {
			s.src = dir
		} else if isDir(dir) {
			s.more = append(s.more, srcDir{path: dir})
		}
		if p.Drafts != "" && isDir(filepath.FromSlash(p.Drafts)) {
			s.more = append(s.more, srcDir{path: filepath.FromSlash(p.Drafts), drafts: true})
		}
	}
	s.site.ContentDir = g.ContentDir
	if len(g.Posts) > 0 {
		if perm := g.Posts[0].Permalink; perm != "" {
			s.site.Permalink = perm
		} else if !c.set["permalink"] {
			g.Warnings = append(g.Warnings, fmt.Sprintf("the posts' URLs (%s) cannot be said with -permalink: pass -permalink", g.Posts[0].Rule))
		}
	}
	// A tag feed links to the site's page for its tag where the site
	// publishes one, and to the home page where it does not.
	if pattern := g.Taxonomies["tags"]; pattern != "" {
		s.site.TagURL = strings.ReplaceAll(pattern, "{term}", "{tag}")
	} else {
		s.site.TagURL = "/"
	}
	if g.OutputDir != "" {
		s.out = filepath.Join(filepath.FromSlash(g.OutputDir), feedsDir)
		s.feedsURL = feedsDir + "/" // dropped by resolve when out is set
		if isDir(filepath.FromSlash(g.OutputDir)) {
			s.static = filepath.FromSlash(g.OutputDir)
		}
	}
}

func isDir(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// printDetected prints the notes (unless quiet) and the warnings of g.
func printDetected(g *generator.Site, quiet bool, stdout, stderr io.Writer) {
	if !quiet {
		for _, n := range g.Notes {
			fmt.Fprintln(stdout, "detected:", n)
		}
	}
	for _, w := range g.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
}

// isSectionPage reports whether a post file is a Hugo or Zola section
// (list) page, _index.md, which is not a post.
func isSectionPage(g *generator.Site, name string) bool {
	if g == nil || (g.Generator != generator.Hugo && g.Generator != generator.Zola) {
		return false
	}
	base := path.Base(filepath.ToSlash(name))
	return strings.TrimSuffix(strings.TrimSuffix(base, ".md"), ".markdown") == "_index"
}
