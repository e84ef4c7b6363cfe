// Package loadcache keeps, between builds, what loading each post file
// gave, so that a rebuild neither reads nor parses the files that did not
// change: one index file per cache folder, mapping a file's name to its
// metadata (Stat), the SHA-256 of its bytes, a key of everything else it
// was loaded with, and the loaded post, encoded by the caller.
//
// A file's bytes are known without reading it by git's rule for its index:
// only when its metadata (size, modification and change times in
// nanoseconds, inode and device) is exactly what was recorded, and it was
// modified in an earlier second than the index's time, the time the
// filesystem gave a file made just before the build read any post. A file
// modified in that second may have changed again after it was read without
// its metadata showing it ("racily clean"), so it is read again; a fresh
// checkout gives every file a new change time and inode, so they are all
// read again, and trusted by their bytes alone.
//
// An index never makes a load wrong: one that is damaged, cut short or not
// an index is ignored with a warning, one written by another version of the
// program is ignored, and the index is replaced as a whole (written to a
// temporary name and renamed) so that a crash leaves the old one or the
// new one.
package loadcache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Name is the index file's name in the cache folder.
const Name = "posts.index"

const magic = "sitefeed post index 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// A Stat is what the index records of a file's metadata. The zero Stat
// means none is known: the file is always read.
type Stat struct {
	Size         int64
	Mtime, Ctime int64 // nanoseconds since 1970
	Ino, Dev     uint64
}

// An Entry is what loading one file gave.
type Entry struct {
	Stat Stat     // the file's when it was read
	Sum  [32]byte // SHA-256 of its bytes
	Key  [32]byte // everything else the load depended on, hashed by the caller
	Data []byte   // the loaded post, encoded by the caller
}

// An Index is the index of a cache folder, open for one build. Its
// methods may be called from several goroutines at once.
type Index struct {
	root    *os.Root
	version string
	stamp   int64             // the filesystem's time when this build began (ns)
	old     map[string]*Entry // as read; not modified
	oldTime int64             // the stamp of the index read

	mu      sync.Mutex
	tmp     *os.File // made by Open; its modification time is stamp
	tmpName string
	kept    map[string]*Entry
	changed bool
}

// tmpCount numbers the temporary files of the indexes a process opens.
var tmpCount atomic.Int64

// Open reads the index of the cache folder root, written by a program
// whose version is version, and starts a new one: it makes the temporary
// file the new index will be written to, whose modification time is the
// new index's time. Call it before reading any file the index describes.
// The warning, when not empty, says in one line why the index read was not
// used: it is damaged, cut short, or not an index.
func Open(root *os.Root, version string) (ix *Index, warning string, err error) {
	ix = &Index{root: root, version: version, kept: map[string]*Entry{}}
	data, err := root.ReadFile(Name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, "", err
	default:
		old, stamp, why := decode(data, version)
		if why != "" {
			warning = fmt.Sprintf("cache: %s %s: every post is read again", Name, why)
		}
		ix.old, ix.oldTime = old, stamp
	}
	ix.tmpName = ".tmp-" + Name + "-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(tmpCount.Add(1), 10)
	f, err := root.OpenFile(ix.tmpName, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, "", err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		root.Remove(ix.tmpName)
		return nil, "", err
	}
	ix.tmp, ix.stamp = f, fi.ModTime().UnixNano()
	if st, ok := StatOf(fi); ok {
		ix.stamp = st.Mtime
	}
	return ix, warning, nil
}

// Get returns the entry recorded for name, or nil.
func (ix *Index) Get(name string) *Entry { return ix.old[name] }

// Trusted reports whether a file whose metadata is now st, and for which
// e was recorded, holds the bytes e.Sum was made from without reading it.
func (ix *Index) Trusted(e *Entry, st Stat) bool {
	return e != nil && st != (Stat{}) && st == e.Stat && racyFree(st.Mtime, ix.oldTime)
}

// racyFree reports whether a file modified at mtime was modified in an
// earlier second than stamp.
func racyFree(mtime, stamp int64) bool {
	return time.Unix(0, mtime).Unix() < time.Unix(0, stamp).Unix()
}

// Keep keeps the entry recorded for name, found trusted, in the new index.
func (ix *Index) Keep(name string, e *Entry) {
	ix.mu.Lock()
	ix.kept[name] = e
	ix.mu.Unlock()
}

// Put records e for name, a file this build read.
func (ix *Index) Put(name string, e *Entry) {
	ix.mu.Lock()
	ix.kept[name] = e
	ix.changed = true
	ix.mu.Unlock()
}

// Close writes the new index, of the entries this build kept or put, when
// it differs from the one read, and ends the build's use of it.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.tmp == nil {
		return nil
	}
	f := ix.tmp
	ix.tmp = nil
	if !ix.changed && len(ix.kept) == len(ix.old) {
		f.Close()
		return ix.root.Remove(ix.tmpName)
	}
	_, err := f.Write(encode(ix.kept, ix.version, ix.stamp))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ix.root.Rename(ix.tmpName, Name)
	}
	if err != nil {
		ix.root.Remove(ix.tmpName)
	}
	return err
}

// The index file: the magic, the version (its length as a uvarint, then
// its bytes), the time (a varint), the number of entries (a uvarint), the
// entries in name order, and the CRC-32C of all that. An entry is its name
// and its Data, each as a uvarint length and bytes, around the Stat as
// varints and uvarints and the Sum and Key.

func encode(entries map[string]*Entry, version string, stamp int64) []byte {
	names := make([]string, 0, len(entries))
	n := len(magic) + len(version) + 32
	for name, e := range entries {
		names = append(names, name)
		n += len(name) + len(e.Data) + 5*binary.MaxVarintLen64 + 64 + 2*binary.MaxVarintLen32
	}
	slices.Sort(names)
	out := append(make([]byte, 0, n), magic...)
	out = appendBytes(out, []byte(version))
	out = binary.AppendVarint(out, stamp)
	out = binary.AppendUvarint(out, uint64(len(names)))
	for _, name := range names {
		e := entries[name]
		out = appendBytes(out, []byte(name))
		out = binary.AppendVarint(out, e.Stat.Size)
		out = binary.AppendVarint(out, e.Stat.Mtime)
		out = binary.AppendVarint(out, e.Stat.Ctime)
		out = binary.AppendUvarint(out, e.Stat.Ino)
		out = binary.AppendUvarint(out, e.Stat.Dev)
		out = append(out, e.Sum[:]...)
		out = append(out, e.Key[:]...)
		out = appendBytes(out, e.Data)
	}
	return binary.BigEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

func appendBytes(out, b []byte) []byte {
	return append(binary.AppendUvarint(out, uint64(len(b))), b...)
}

// decode reads an index file; why says what is wrong with one that cannot
// be used, except that one of another version is quietly none. The
// entries' Data are parts of data.
func decode(data []byte, version string) (entries map[string]*Entry, stamp int64, why string) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, 0, "is not an index"
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(data[len(data)-4:]) {
		return nil, 0, "is damaged"
	}
	r := reader{b: body[len(magic):]}
	if string(r.bytes()) != version || r.bad {
		return nil, 0, ""
	}
	stamp = r.varint()
	count := r.uvarint()
	if r.bad || count > uint64(len(r.b)) {
		return nil, 0, "is damaged"
	}
	entries = make(map[string]*Entry, count)
	all := make([]Entry, count)
	for i := range all {
		e := &all[i]
		name := string(r.bytes())
		e.Stat.Size, e.Stat.Mtime, e.Stat.Ctime = r.varint(), r.varint(), r.varint()
		e.Stat.Ino, e.Stat.Dev = r.uvarint(), r.uvarint()
		r.fixed(e.Sum[:])
		r.fixed(e.Key[:])
		e.Data = r.bytes()
		if r.bad {
			return nil, 0, "is damaged"
		}
		entries[name] = e
	}
	if len(r.b) != 0 {
		return nil, 0, "is damaged"
	}
	return entries, stamp, ""
}

// A reader reads the parts of an encoded index or post; bad is set, and
// zero values are returned, once it runs past the end.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 { return readVarint(r, binary.Uvarint) }

func (r *reader) varint() int64 { return readVarint(r, binary.Varint) }

// readVarint reads a number with read, binary.Uvarint or binary.Varint.
func readVarint[T int64 | uint64](r *reader, read func([]byte) (T, int)) T {
	v, n := read(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	b := r.b[:n:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) fixed(dst []byte) {
	if len(r.b) < len(dst) {
		r.bad, r.b = true, nil
		return
	}
	copy(dst, r.b)
	r.b = r.b[len(dst):]
}
