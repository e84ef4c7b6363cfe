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
// manifest lists is, by a stat, the one that write put in place, as Keep
// trusts it. A file whose stat is not older than the manifest is not
// trusted; Keep reads it, and the next write records it again.
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
		in, ok := m.inputs[name]
		if !ok {
			if got, ok := d.sumFile(name); !ok || got != e {
				return sum, false
			}
			continue
		}
		fi, err := d.lstatIn(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size || statOf(fi) != in.stat || in.stat.mtime >= stamp {
			return sum, false
		}
	}
	if !d.absent(journalName) || d.manifestStamp() != stamp {
		return sum, false
	}
	return sha256.Sum256(data), true
}
