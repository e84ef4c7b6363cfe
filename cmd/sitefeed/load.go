package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sitefeed/sitefeed"
)

// loadPosts reads the posts of the main folder and of the others the
// generator's configuration names, concatenated (Build sorts them), with
// the bad posts of all. Paths are made to open from the working directory.
// With a generator detected, its section pages (_index.md) and the posts
// it does not publish (Jekyll's published: false) are left out quietly,
// and posts whose front matter sitefeed cannot read with a warning.
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
		if isSectionPage(j.gen, p.Path) || j.unpublished(p) {
			continue
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

// loadDir reads the posts of one folder.
func (j *job) loadDir(d srcDir) ([]*sitefeed.Post, sitefeed.ErrorList, error) {
	root, err := os.OpenRoot(d.path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the source folder: %v", err)
	}
	j.roots = append(j.roots, root) // lazy posts are read from it as the feeds are written
	opts := j.load
	opts.Drafts = d.drafts
	posts, err := sitefeed.LoadDir(root.FS(), ".", &opts)
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
