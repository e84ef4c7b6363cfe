package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/atomicdir"
)

// checkTargets refuses to write the set into dir when that would replace a
// file sitefeed did not write: one that exists and that dir's manifest does
// not list, or, with a generator detected, one of the files the generator
// writes into its output folder (such as Astro's rss.xml).
func (j *job) checkTargets(set *sitefeed.Set, dir string) error {
	ours := map[string]bool{}
	if b, err := os.ReadFile(filepath.Join(dir, sitefeed.ManifestName)); err == nil {
		for _, n := range atomicdir.ManifestNames(b) {
			ours[n] = true
		}
	}
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
		if _, err := os.Lstat(target); err == nil && !ours[n] {
			return fmt.Errorf("refusing to overwrite %s: sitefeed did not write it (%s does not list it); choose another -out, or remove the file", target, sitefeed.ManifestName)
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
