package main

import (
	"fmt"
	"path"
	"path/filepath"

	"github.com/sitefeed/sitefeed"
)

// checkTargets refuses to write the set into dir when, with a generator
// detected, that would replace one of the files the generator writes into
// its output folder (such as Astro's rss.xml). WriteDir itself refuses to
// replace a file that exists and that dir's manifest does not list.
func (j *job) checkTargets(set *sitefeed.Set, dir string) error {
	names := set.ExtraFiles() // feeds.opml, the stylesheet, the index of feeds
	for _, f := range set.Files() {
		names = append(names, f.Path)
	}
	for _, m := range set.Media {
		names = append(names, m.Path)
	}
	inOutput := ""
	if j.gen != nil && j.gen.OutputDir != "" {
		inOutput = pathInside(filepath.FromSlash(j.gen.OutputDir), dir)
		if inOutput == "" && sameDir(filepath.FromSlash(j.gen.OutputDir), dir) {
			inOutput = "."
		}
	}
	for _, n := range names {
		target := filepath.Join(dir, filepath.FromSlash(n))
		if inOutput != "" && j.gen.Writes(path.Join(inOutput, n)) {
			return fmt.Errorf("refusing to write %s: %s writes that file (choose another -out)", target, j.gen.Generator)
		}
	}
	return nil
}

// sameDir reports whether a and b name the same folder.
func sameDir(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}
