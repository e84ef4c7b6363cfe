package linkcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// A Snapshot maps each regular file of a tree (slash-separated name) to the
// SHA-256 of its content.
type Snapshot map[string]string

// Take hashes every regular file of fsys.
func Take(fsys fs.FS) (Snapshot, error) {
	s := Snapshot{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		s[name] = hex.EncodeToString(h.Sum(nil))
		return nil
	})
	return s, err
}

// A Diff lists the files that differ between two snapshots, each list
// sorted.
type Diff struct {
	Changed []string // in both, with other content
	Removed []string // only before
	Added   []string // only after
}

// Compare returns what changed from before to after.
func Compare(before, after Snapshot) Diff {
	var d Diff
	for name, sum := range before {
		switch a, ok := after[name]; {
		case !ok:
			d.Removed = append(d.Removed, name)
		case a != sum:
			d.Changed = append(d.Changed, name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			d.Added = append(d.Added, name)
		}
	}
	sort.Strings(d.Changed)
	sort.Strings(d.Removed)
	sort.Strings(d.Added)
	return d
}

// Outside returns the names of list that are not in the folder dir ("."
// holds every name).
func Outside(list []string, dir string) []string {
	var out []string
	for _, name := range list {
		if dir != "." && !strings.HasPrefix(name, path.Clean(dir)+"/") {
			out = append(out, name)
		}
	}
	return out
}
