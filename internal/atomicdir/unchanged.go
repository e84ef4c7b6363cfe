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
// lock and reads no file but the manifest and those Keep would read: no
// journal says a write was cut short, and every file the manifest lists
// is the one that write put in place, as Keep trusts it (see holds); a
// file with no stat recorded is read too.
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
		in, hasStat := m.inputs[name]
		if ok, _ := d.holds(name, e, in, hasStat, stamp); !ok {
			return sum, false
		}
	}
	if !d.absent(journalName) || d.manifestStamp() != stamp {
		return sum, false
	}
	return sha256.Sum256(data), true
}
