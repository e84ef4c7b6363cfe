package atomicdir

import (
	"encoding/hex"
	"io/fs"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A fileStat is what a stat of a file tells without reading it: its
// modification and change times and its inode number (where the system
// has them), with its size (in the entry beside it).
type fileStat struct {
	mtime, ctime int64 // nanoseconds since the Unix epoch; ctime 0 where unknown
	ino          uint64
}

// An input is what a manifest records of how a file was made: the key of
// its inputs, given by the caller, and its stat once it was in place.
type input struct {
	key  [32]byte
	stat fileStat
}

// appendInput appends the manifest line of name's input to b.
func appendInput(b []byte, name string, in input) []byte {
	b = append(hex.AppendEncode(append(b, "input "...), in.key[:]), ' ')
	b = append(strconv.AppendInt(b, in.stat.mtime, 10), ' ')
	b = append(strconv.AppendInt(b, in.stat.ctime, 10), ' ')
	b = append(strconv.AppendUint(b, in.stat.ino, 10), ' ')
	return append(append(b, quoteName(name)...), '\n')
}

// parseInput reads the rest of an "input" line.
func parseInput(rest string) (string, input, bool) {
	f := strings.SplitN(rest, " ", 5)
	if len(f) != 5 {
		return "", input{}, false
	}
	key, err := hex.DecodeString(f[0])
	mtime, err2 := strconv.ParseInt(f[1], 10, 64)
	ctime, err3 := strconv.ParseInt(f[2], 10, 64)
	ino, err4 := strconv.ParseUint(f[3], 10, 64)
	name, err5 := unquoteName(f[4])
	if err != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || len(key) != 32 {
		return "", input{}, false
	}
	in := input{stat: fileStat{mtime: mtime, ctime: ctime, ino: ino}}
	copy(in.key[:], key)
	return name, in, true
}

// statOf returns the stat of a regular file.
func statOf(fi fs.FileInfo) fileStat {
	st := fileStat{mtime: fi.ModTime().UnixNano()}
	st.ctime, st.ino = sysStat(fi)
	return st
}

// Keep leaves the file name as the previous write left it, without
// reading it, when the caller's key of its inputs is the one that write
// recorded and the file is still the one it wrote, and reports whether it
// did, with the file's size. A kept file is recorded in the manifest as
// if written again.
//
// The file is trusted without being read, as git trusts its index, when
// a stat of it gives the size, modification time, change time and inode
// number recorded after it was put in place: an edit changes the change
// time (which no program can set back) and almost always the others. A
// file whose modification time is not older than the manifest the
// previous write wrote could have been changed within the same tick of
// the clock after it was recorded: it is read, and kept only when its
// size and SHA-256 are those recorded; the manifest is then written again,
// so that the next write trusts it. Where the system gives no change time
// and inode number (Windows), the size and modification time decide.
func (d *Dir) Keep(name string, key [32]byte) (size int64, kept bool) {
	in, ok := d.prev.inputs[name]
	e, known := d.prev.files[name]
	if !ok || !known || !e.known || in.key != key || !fs.ValidPath(name) || isOwnFile(name) {
		return 0, false
	}
	ok, read := d.holds(name, e, in, true, d.stamp)
	if !ok {
		return 0, false
	}
	d.restamp = d.restamp || read
	d.kept[name], d.keptAt[name] = e, in.stat
	d.SetInput(name, key)
	return e.size, true
}

// holds reports whether the file name still holds what e records, by the
// rule Keep describes: a stat of it must be in's, and the file is trusted
// by it unless in's modification time is not older than stamp, the
// manifest's, when the file is read and its size and SHA-256 must be e's.
// A file with no stat recorded (hasStat false) is read. read reports
// whether the file was read.
func (d *Dir) holds(name string, e entry, in input, hasStat bool, stamp int64) (ok, read bool) {
	if hasStat {
		fi, err := d.lstatIn(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size || statOf(fi) != in.stat {
			return false, false
		}
		if in.stat.mtime < stamp {
			return true, false
		}
	}
	got, ok := d.sumFile(name)
	return ok && got == e, true
}

// lstatIn stats the file name through its folder, kept open for the next
// file (the files are kept folder after folder): a stat through the root
// opens every folder on the way.
func (d *Dir) lstatIn(name string) (fs.FileInfo, error) {
	dir, base := path.Split(name)
	if dir == "" {
		return d.root.Lstat(name)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.statDir == nil || d.statDirName != dir {
		d.closeStatDir()
		r, err := d.root.OpenRoot(dir)
		if err != nil {
			return nil, err
		}
		d.statDir, d.statDirName = r, dir
	}
	return d.statDir.Lstat(base)
}

// closeStatDir closes the folder lstatIn keeps open. d.mu is held.
func (d *Dir) closeStatDir() {
	if d.statDir != nil {
		d.statDir.Close()
		d.statDir, d.statDirName = nil, ""
	}
}

// SetInput records key as the key of the inputs of the file name, which
// this write writes or keeps; a later write passes it to Keep.
func (d *Dir) SetInput(name string, key [32]byte) {
	d.mu.Lock()
	d.inputs[name] = key
	d.mu.Unlock()
}

// recordInputs adds to next the inputs of its files, with their stats
// now that they are in place.
func (d *Dir) recordInputs(next *manifest) {
	// In order of name, so that lstatIn finds the files folder after folder.
	for _, name := range slices.Sorted(maps.Keys(d.inputs)) {
		key := d.inputs[name]
		e, ok := next.files[name]
		if !ok {
			continue
		}
		if st, ok := d.keptAt[name]; ok { // as Keep found it
			next.inputs[name] = input{key: key, stat: st}
			continue
		}
		fi, err := d.lstatIn(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != e.size {
			continue
		}
		next.inputs[name] = input{key: key, stat: statOf(fi)}
	}
	// Stale files and folders are removed next: none is held open.
	d.mu.Lock()
	d.closeStatDir()
	d.mu.Unlock()
}

// manifestStamp is the modification time of the manifest, in nanoseconds,
// or the largest time when there is none.
func (d *Dir) manifestStamp() int64 {
	fi, err := d.root.Lstat(ManifestName)
	if err != nil {
		return math.MaxInt64
	}
	return fi.ModTime().UnixNano()
}
