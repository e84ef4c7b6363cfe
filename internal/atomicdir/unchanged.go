package atomicdir

import (
	"crypto/sha256"
	"maps"
	"os"
	"slices"
)

// Unchanged reports whether the folder dir holds what the last write into
// it left there, and returns the SHA-256 of that write's manifest, by
// which a caller tells it from another write. It writes nothing, takes no
// lock and reads no file but the manifest and those the manifest lists
// with no stat: no journal says a write was cut short, and every file the
// manifest lists is the one that write put in place, as Keep trusts it: by
// a stat, or, for a file with no stat recorded or one not older than the
// manifest, by its size and SHA-256.
//
// A write under way while Unchanged looks is either not seen (its files
// are not yet renamed) or seen as a change.
func Unchanged(dir string) (sum [32]byte, ok bool) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return sum, false
	}
	d := &Dir{dir: dir, root: root}
	defer func() {
		d.closeStatDir()
		root.Close()
	}()
	if !d.absent(journalName) {
		return sum, false
	}
	data, err := d.readSmall(ManifestName)
	if err != nil || data == nil {
		return sum, false
	}
	m, err := parseManifest(data, manifestVersion)
	if err != nil {
		return sum, false
	}
	stamp := d.manifestStamp()
	for _, name := range slices.Sorted(maps.Keys(m.files)) { // folder after folder, for lstatIn
		e := m.files[name]
		if !e.known {
			return sum, false
		}
		if in, ok := m.inputs[name]; ok && in.stat.mtime < stamp {
			fi, err := d.lstatIn(name)
			if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size || statOf(fi) != in.stat {
				return sum, false
			}
			continue
		}
		// No stat recorded, or one as new as the manifest: the file could
		// have changed within the same tick of the clock after it.
		if got, ok := d.sumFile(name); !ok || got != e {
			return sum, false
		}
	}
	if !d.absent(journalName) || d.manifestStamp() != stamp {
		return sum, false
	}
	return sha256.Sum256(data), true
}
