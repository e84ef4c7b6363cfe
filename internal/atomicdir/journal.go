package atomicdir

import (
	"fmt"
	"maps"
	"path"
	"strings"
)

// journalName is the file, in the folder, that Commit writes before it
// renames anything: it lists every file of the write, with its size and
// SHA-256, and which are to be renamed from which temporary names. The
// next write into the folder reads it to finish a rename phase that was
// interrupted, then records the files in the manifest; UpdateManifest
// removes it.
const journalName = ".sitefeed-journal"

// journalVersion is the first line of a journal.
const journalVersion = "sitefeed-journal 1"

// writeJournal records the write before its renames.
func (d *Dir) writeJournal(changed []*File) error {
	j := newManifest()
	renamed := map[string]bool{}
	for _, f := range d.files {
		if f.closed {
			j.files[f.name] = f.entry()
		}
	}
	for _, f := range changed {
		renamed[f.name] = true
	}
	j.copyRecords(d.records)
	j.values["tag"] = d.tag
	d.journal = true
	return d.replace(journalName, j.format(journalVersion, "# A write into this folder was renaming these files; the next one finishes it.\n", "keep", renamed))
}

// removeJournal removes the journal, when this write made one.
func (d *Dir) removeJournal() error {
	if !d.journal {
		return nil
	}
	if err := d.root.Remove(journalName); err != nil {
		return err
	}
	d.journal = false
	return d.syncFolder(".")
}

// recover finishes the rename phase of an earlier write that was
// interrupted (a crash, a kill, a full disk), as its journal tells: each
// temporary file that still holds the bytes the journal records is
// renamed into place, unless a file that sitefeed did not write has taken
// its place since. The files that then hold the bytes the journal records
// are added to the manifest, and the journal is removed.
func (d *Dir) recover() error {
	data, err := d.readSmall(journalName)
	if err != nil {
		d.warn(fmt.Errorf("%s: %v", d.show(journalName), err))
		return nil
	}
	if data == nil {
		return nil
	}
	j, err := parseManifest(data, journalVersion)
	if err != nil || !validTag(j.values["tag"]) {
		d.warn(fmt.Errorf("%s: not a journal sitefeed wrote; ignored", d.show(journalName)))
		return d.dropJournal()
	}
	tag := j.values["tag"]
	next := newManifest()
	next.files = make(map[string]entry, len(d.prev.files)+len(j.files))
	for n, e := range d.prev.files {
		next.files[n] = e
	}
	var folders []string
	var refused []string
	for _, n := range sortedNames(j.files) {
		want := j.files[n]
		if !validName(n) {
			continue
		}
		if j.values["rename "+n] != "" {
			tmp := tempName(n, tag)
			if e, ok := d.sumFile(tmp); ok && e == want {
				cur, ok := d.sumFile(n)
				_, listed := d.prev.files[n]
				switch {
				case ok && cur == want: // renamed already
				case listed || d.absent(n):
					if err := d.root.Rename(tmp, n); err != nil {
						return fmt.Errorf("finishing an interrupted write: %w", err)
					}
					folders = append(folders, path.Dir(n))
				default:
					refused = append(refused, n)
				}
			}
		}
		if e, ok := d.sumFile(n); ok && e == want {
			next.files[n] = want
		}
	}
	d.warnFiles(refused, "an interrupted build was to replace %s, but %s is no longer sitefeed's")
	for _, dir := range uniq(folders) {
		if err := d.syncFolder(dir); err != nil {
			return err
		}
	}
	next.copyRecords(d.prev)
	maps.Copy(next.lists, j.lists)
	for k, v := range j.values {
		if k != "tag" && !strings.HasPrefix(k, "rename ") {
			next.values[k] = v
		}
	}
	if err := d.replace(ManifestName, next.format(manifestVersion, manifestComment, "file", nil)); err != nil {
		return err
	}
	d.prev = next
	return d.dropJournal()
}

// dropJournal removes the journal of an earlier write.
func (d *Dir) dropJournal() error {
	d.journal = true
	return d.removeJournal()
}

// absent reports whether nothing is at name.
func (d *Dir) absent(name string) bool {
	_, err := d.root.Lstat(name)
	return err != nil
}

func validName(n string) bool {
	return n != "." && !isOwnFile(n) && path.Clean(n) == n && !strings.HasPrefix(n, "../") && n != ".." && !path.IsAbs(n)
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
