package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/generator"
)

// loadPosts reads the posts of the main folder and of the others the
// generator's configuration names, concatenated (Build sorts them), with
// the bad posts of all. Paths are made to open from the working directory.
// With a generator detected, its section pages (_index.md) and the posts
// it does not publish or list (Jekyll's published: false, Eleventy's
// permalink: false and eleventyExcludeFromCollections, Hugo's headless and
// build options) are left out quietly, and posts whose front matter
// sitefeed cannot read with a warning.
func (j *job) loadPosts(stderr io.Writer) ([]*sitefeed.Post, sitefeed.ErrorList, error) {
	dirs := append([]srcDir{{path: j.src}}, j.more...)
	var posts []*sitefeed.Post
	var bad sitefeed.ErrorList
	for _, d := range dirs {
		p, b, err := j.loadDir(d)
		if err != nil {
			return nil, nil, err
		}
		posts, bad = append(posts, p...), append(bad, b...)
	}
	if j.gen == nil {
		return posts, bad, nil
	}
	kept := posts[:0]
	for _, p := range posts {
		if isSectionPage(j.gen, p.Path) || j.unpublished(p) || unlisted(j.gen.Generator, p) {
			continue
		}
		if j.gen.Generator == generator.Jekyll {
			p.Categories = append(jekyllPathCategories(j.gen.ContentDir, p.Path), p.Categories...)
		}
		kept = append(kept, p)
	}
	var keptBad sitefeed.ErrorList
	for _, e := range bad {
		switch {
		case isSectionPage(j.gen, e.Path):
		case errors.Is(e, sitefeed.ErrJSFrontMatter):
			fmt.Fprintf(stderr, "warning: %v (left out)\n", e)
		default:
			keptBad = append(keptBad, e)
		}
	}
	return kept, keptBad, nil
}

// unpublished reports whether the generator leaves p out by its
// PublishedKey (Jekyll's published: false).
func (j *job) unpublished(p *sitefeed.Post) bool {
	if j.gen.PublishedKey == "" {
		return false
	}
	v, ok := p.Params[j.gen.PublishedKey].(bool)
	return ok && !v
}

// unlisted reports whether the generator leaves p out of its lists of
// posts, or publishes no page for it, by a front matter key of its own.
func unlisted(g generator.Name, p *sitefeed.Post) bool {
	param := func(key string) any {
		for k, v := range p.Params {
			if strings.EqualFold(k, key) {
				return v
			}
		}
		return nil
	}
	switch g {
	case generator.Eleventy:
		return param("permalink") == false || param("eleventyExcludeFromCollections") == true
	case generator.Hugo:
		if param("headless") == true {
			return true
		}
		for _, key := range []string{"build", "_build"} {
			b, _ := param(key).(map[string]any)
			for k, v := range b {
				switch strings.ToLower(k) {
				case "list", "render":
					if v == "never" || v == false {
						return true
					}
				}
			}
		}
	}
	return false
}

// jekyllPathCategories are the categories Jekyll gives a post from the
// folders above its _posts folder (blog/_posts/x.md is in "blog"), below
// the collections folder dir.
func jekyllPathCategories(dir, file string) []string {
	file = strings.TrimPrefix(file, strings.Trim(dir, "/")+"/")
	above, _, ok := strings.Cut("/"+file, "/_posts/")
	if !ok {
		above, _, ok = strings.Cut("/"+file, "/_drafts/")
	}
	if !ok {
		return nil
	}
	return strings.FieldsFunc(above, func(r rune) bool { return r == '/' })
}

// loadDir reads the posts of one folder.
func (j *job) loadDir(d srcDir) ([]*sitefeed.Post, sitefeed.ErrorList, error) {
	root, err := os.OpenRoot(d.path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the source folder: %v", err)
	}
	j.roots = append(j.roots, root) // lazy posts are read from it as the feeds are written
	opts := j.load
	opts.Drafts = d.drafts
	posts, err := sitefeed.LoadDir(j.logged(d.path, root.FS()), ".", &opts)
	var bad sitefeed.ErrorList
	if err != nil && !errors.As(err, &bad) {
		return nil, nil, fmt.Errorf("reading %s: %v", d.path, err)
	}
	for _, e := range bad {
		explainLink(root, d.path, e)
		e.Path = display(d.path, e.Path)
	}
	for _, p := range posts {
		p.Path = display(d.path, p.Path)
		for _, w := range p.Warnings {
			w.Path = p.Path
		}
	}
	return posts, bad, nil
}

// display turns a path inside the source folder dir into one a person can
// open from the working directory.
func display(dir, rel string) string {
	if filepath.Clean(dir) == "." {
		return rel
	}
	return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))
}
