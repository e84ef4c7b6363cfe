package atomicdir

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// ManifestName is the file, in the folder, that records the files the
// writes into it made: the size and SHA-256 of each, a few values and
// lists of names.
const ManifestName = ".sitefeed-manifest"

// MaxManifestSize bounds the manifest (and the journal) read: a larger one
// is ignored with a warning. 32 MiB holds about 300,000 files.
const MaxManifestSize = 32 << 20

// manifestVersion is the first line of a manifest in the current format.
// A manifest without it is of the first format: a list of names, one a
// line, with no sizes or checksums.
const manifestVersion = "sitefeed-manifest 2"

// An entry is what a manifest records of one file.
type entry struct {
	size  int64
	sum   [sha256.Size]byte
	known bool // size and sum are known: false for the names a manifest of the first format lists
}

// A manifest is the record of a write.
type manifest struct {
	files  map[string]entry // by name
	values map[string]string
	lists  map[string][]string // by key, each sorted
	inputs map[string]input    // of the files a caller gave a key for (SetInput)
}

func newManifest() *manifest {
	return &manifest{files: map[string]entry{}, values: map[string]string{}, lists: map[string][]string{}, inputs: map[string]input{}}
}

// copyRecords copies the values and lists of from into m.
func (m *manifest) copyRecords(from *manifest) {
	maps.Copy(m.values, from.values)
	maps.Copy(m.lists, from.lists)
}

// parseManifest reads a manifest (or a journal, whose first line is
// first). Lines it does not know are skipped.
//
// The format is a line "sitefeed-manifest 2", then one line per file,
// "file SIZE SHA256 NAME", per value, "value KEY TEXT", and per name in a
// list, "item KEY NAME"; a file whose inputs the caller keyed (SetInput)
// also has a line "input KEY MTIME CTIME INODE NAME" (see Keep), which
// older versions skip; lines starting with "#" are comments. A line
// "listed NAME" is a file named by a
// manifest of the first format: sitefeed wrote it, but its checksum is
// not known. NAME is the rest of the line, quoted as a Go
// string when it holds a character that is not printable, or starts with
// a quote or a space. A line that does not read as one of these is left
// out: its file is not sitefeed's.
func parseManifest(data []byte, first string) (*manifest, error) {
	lines := strings.Split(string(data), "\n")
	m := newManifest()
	if strings.TrimSpace(lines[0]) != first {
		if first != manifestVersion || strings.HasPrefix(lines[0], "sitefeed-manifest ") {
			return nil, fmt.Errorf("unknown format %q", lines[0])
		}
		for _, n := range ManifestNames(data) {
			m.files[n] = entry{}
		}
		return m, nil
	}
	for _, line := range lines[1:] {
		kind, rest, _ := strings.Cut(line, " ")
		switch kind {
		case "file", "rename", "keep":
			f := strings.SplitN(rest, " ", 3)
			if len(f) != 3 {
				continue // not sitefeed's: the name is not listed
			}
			size, err := strconv.ParseInt(f[0], 10, 64)
			sum, err2 := hex.DecodeString(f[1])
			name, err3 := unquoteName(f[2])
			if err != nil || err2 != nil || err3 != nil || size < 0 || len(sum) != sha256.Size {
				continue
			}
			e := entry{size: size, known: true}
			copy(e.sum[:], sum)
			m.files[name] = e
			if kind == "rename" {
				m.values["rename "+name] = "1"
			}
		case "input":
			if name, in, ok := parseInput(rest); ok {
				m.inputs[name] = in
			}
		case "listed":
			if name, err := unquoteName(rest); err == nil {
				m.files[name] = entry{}
			}
		case "value":
			k, v, _ := strings.Cut(rest, " ")
			m.values[k] = v
		case "item":
			k, n, ok := strings.Cut(rest, " ")
			if n, err := unquoteName(n); ok && err == nil {
				m.lists[k] = append(m.lists[k], n)
			}
		}
	}
	return m, nil
}

// format returns the manifest's bytes, names sorted; renamed lists the
// names whose kind is "rename" (in a journal), every other is kind. Lines
// are appended as bytes: a manifest of a large site has tens of thousands.
func (m *manifest) format(first, comment, kind string, renamed map[string]bool) []byte {
	b := make([]byte, 0, len(first)+len(comment)+160*(len(m.files)+len(m.inputs)))
	b = append(append(b, first...), '\n')
	b = append(b, comment...)
	for _, k := range slices.Sorted(maps.Keys(m.values)) {
		b = append(append(append(append(append(b, "value "...), k...), ' '), m.values[k]...), '\n')
	}
	for _, k := range slices.Sorted(maps.Keys(m.lists)) {
		for _, n := range m.lists[k] {
			b = append(append(append(append(append(b, "item "...), k...), ' '), quoteName(n)...), '\n')
		}
	}
	for _, n := range sortedNames(m.files) {
		e, k := m.files[n], kind
		if renamed[n] {
			k = "rename"
		}
		if !e.known {
			b = append(append(append(b, "listed "...), quoteName(n)...), '\n')
			continue
		}
		b = append(append(b, k...), ' ')
		b = append(strconv.AppendInt(b, e.size, 10), ' ')
		b = append(hex.AppendEncode(b, e.sum[:]), ' ')
		b = append(append(b, quoteName(n)...), '\n')
	}
	for _, n := range slices.Sorted(maps.Keys(m.inputs)) {
		if _, ok := m.files[n]; ok {
			b = appendInput(b, n, m.inputs[n])
		}
	}
	return b
}

// quoteName returns n as a manifest line ends with it: as it is, or
// quoted as a Go string when it is empty, starts with a quote or a space,
// or holds a character that is not printable.
func quoteName(n string) string {
	if n != "" && n[0] != '"' && n[0] != ' ' {
		i := 0
		for i < len(n) && n[i] >= 0x20 && n[i] < 0x7f { // printable ASCII
			i++
		}
		if i == len(n) {
			return n
		}
	}
	if n == "" || n[0] == '"' || n[0] == ' ' || strings.IndexFunc(n, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(n)
	}
	return n
}

func unquoteName(s string) (string, error) {
	if strings.HasPrefix(s, `"`) {
		return strconv.Unquote(s)
	}
	return s, nil
}

// ManifestNames returns the names a manifest of the first format lists,
// one a line, leaving out blank lines and comments (lines that start with
// "#").
func ManifestNames(data []byte) []string {
	var names []string
	for _, n := range strings.Split(string(data), "\n") {
		if n = strings.TrimSpace(n); n != "" && !strings.HasPrefix(n, "#") {
			names = append(names, n)
		}
	}
	return names
}

// readSmall reads the file name of the folder when it is a regular file of
// at most MaxManifestSize bytes. It returns nil, nil when there is none; a
// symbolic link, a folder, a device, a pipe or a larger file is an error
// (a FIFO is opened without waiting for a writer, and not read).
func (d *Dir) readSmall(name string) ([]byte, error) {
	st, err := d.root.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s); ignored", st.Mode().Type())
	}
	if st.Size() > MaxManifestSize {
		return nil, fmt.Errorf("larger than %d bytes; ignored", MaxManifestSize)
	}
	f, err := d.root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		return nil, errors.New("replaced while opened; ignored")
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxManifestSize+1))
	if err == nil && len(data) > MaxManifestSize {
		err = fmt.Errorf("larger than %d bytes; ignored", MaxManifestSize)
	}
	return data, err
}

// readManifest reads the manifest into d.prev. One that cannot be read is
// a warning, and the write goes on as if there were none; a folder in its
// place is an error, as it could not be replaced.
func (d *Dir) readManifest() error {
	if st, err := d.root.Lstat(ManifestName); err == nil && st.IsDir() {
		return fmt.Errorf("%s is a folder, where sitefeed records the files it writes; remove it", d.show(ManifestName))
	}
	d.prev = newManifest()
	data, err := d.readSmall(ManifestName)
	if err == nil && data != nil {
		var m *manifest
		if m, err = parseManifest(data, manifestVersion); err == nil {
			d.prev = m
		}
	}
	if err != nil {
		d.warn(fmt.Errorf("%s: %v; no file an earlier build wrote is removed or replaced on its word", d.show(ManifestName), err))
	}
	return nil
}

// sumFile returns the size and SHA-256 of the regular file name, or ok
// false when it is not one or cannot be read.
func (d *Dir) sumFile(name string) (e entry, ok bool) {
	f := openOld(d.root, name)
	if f == nil {
		return e, false
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return e, false
	}
	e.size, e.known = n, true
	h.Sum(e.sum[:0])
	return e, true
}

// Owned reports whether the manifest lists name: sitefeed wrote it.
func (d *Dir) Owned(name string) bool {
	_, ok := d.prev.files[name]
	return ok
}

// Value returns the value key the previous write recorded, or "".
func (d *Dir) Value(key string) string { return d.prev.values[key] }

// SetValue records a value in the manifest of this write. The key is a
// word, without spaces; the value is one line.
func (d *Dir) SetValue(key, value string) {
	d.records.values[key] = value
}

// SetList records a list of names in the manifest of this write, sorted.
// The key is a word, without spaces; a name may hold any character.
func (d *Dir) SetList(key string, names []string) {
	d.records.lists[key] = slices.Sorted(slices.Values(names))
}

// ReadList returns the names of the list key that the manifest in dir
// records, as SetList gave them to the last write into dir, without
// waiting for a write under way. A folder or manifest that does not exist,
// or a manifest that records no such list, gives none and no error; a
// manifest that cannot be read (not a regular file, too large, of an
// unknown format) gives none and an error. A line of the list that does
// not read is left out.
func ReadList(dir, key string) ([]string, error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer root.Close()
	data, err := (&Dir{root: root}).readSmall(ManifestName)
	if err != nil || data == nil {
		return nil, err
	}
	m, err := parseManifest(data, manifestVersion)
	if err != nil {
		return nil, err
	}
	return m.lists[key], nil
}

// manifestComment follows the version line of a manifest.
const manifestComment = "# Files written by sitefeed, with their size and SHA-256: the next build\n# replaces them, or removes those it no longer writes if they did not change.\n"

// UpdateManifest records the files this write made, then removes the
// files the previous manifest lists that this write did not make, with
// the folders they leave empty, but only those sitefeed can prove it
// wrote: a regular file whose size and SHA-256 are still those recorded.
// Any other is left, and named in one warning; so are those of a manifest
// of the first format, which records no checksums. The manifest is
// replaced atomically and durably when it changed; the journal of Commit
// is then removed.
func (d *Dir) UpdateManifest() error {
	next := newManifest()
	for _, f := range d.files {
		if f.closed {
			next.files[f.name] = f.entry()
		}
	}
	maps.Copy(next.files, d.kept)
	d.recordInputs(next)
	next.copyRecords(d.records)
	var stale, changed, unproven []string
	for _, n := range sortedNames(d.prev.files) {
		if _, ok := next.files[n]; ok || !fs.ValidPath(n) || n == "." || isOwnFile(n) {
			continue
		}
		st, err := d.root.Lstat(n)
		if err != nil || st.IsDir() {
			continue // gone already, or not a file of sitefeed's
		}
		if !d.prev.files[n].known {
			unproven = append(unproven, n)
			continue
		}
		if e, ok := d.sumFile(n); !ok || e != d.prev.files[n] {
			changed = append(changed, n)
			continue
		}
		if err := d.root.Remove(n); err == nil {
			stale = append(stale, n)
		}
	}
	d.warnFiles(changed, "sitefeed wrote %s, but %s changed since")
	d.warnFiles(unproven, "an older sitefeed listed %s without a checksum to prove %s unchanged")
	// Remove folders the stale files leave empty (Remove fails on others).
	for _, n := range stale {
		for dir := path.Dir(n); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if d.root.Remove(dir) != nil {
				break
			}
		}
	}
	data := next.format(manifestVersion, manifestComment, "file", nil)
	if old, err := d.readSmall(ManifestName); err != nil || string(old) != string(data) || d.restamp {
		if err := d.replace(ManifestName, data); err != nil {
			return err
		}
	}
	d.prev = next
	return d.removeJournal()
}

// warnFiles warns, once for them all, of stale files left where they
// are, naming a few; why says why, with "it" or "them" and "it" or
// "they" for its two verbs.
func (d *Dir) warnFiles(names []string, why string) {
	if len(names) == 0 {
		return
	}
	const most = 5
	list := strings.Join(names[:min(len(names), most)], ", ")
	if len(names) > most {
		list += fmt.Sprintf(" and %d more", len(names)-most)
	}
	what, obj, subj := "1 stale file", "it", "it"
	if len(names) > 1 {
		what, obj, subj = fmt.Sprintf("%d stale files", len(names)), "them", "they"
	}
	d.warn(fmt.Errorf("%s left in %s (%s; remove %s by hand if not wanted): %s",
		what, d.dir, fmt.Sprintf(why, obj, subj), obj, list))
}

func sortedNames(m map[string]entry) []string { return slices.Sorted(maps.Keys(m)) }

// isOwnFile reports whether name is one of atomicdir's own files, which a
// write never records or removes as a stale file.
func isOwnFile(name string) bool {
	return name == ManifestName || name == journalName
}

// replace writes data to name through a synced temporary file, renamed
// into place, then syncs the folder.
func (d *Dir) replace(name string, data []byte) error {
	tmp := d.tempName(name)
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		d.traceOp("sync", name)
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		d.traceOp("rename", name)
		err = d.root.Rename(tmp, name)
	}
	if err != nil {
		d.root.Remove(tmp)
		return err
	}
	return d.syncFolder(path.Dir(name))
}
