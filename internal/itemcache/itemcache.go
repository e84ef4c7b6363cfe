// Package itemcache keeps encoded feed items between builds in a folder:
// one file per entry, named by its key (the hexadecimal SHA-256 of
// everything the items were made from, computed by the caller), holding
// the items of each format and a checksum.
//
// A cache never makes output wrong: an entry is found only under the key
// of the inputs it was made from, an entry whose checksum fails is not
// used, a folder written by another version of the program is emptied,
// and a folder that is not a cache is left alone and not used. Entries are
// written to a temporary name and renamed, so that a crash leaves either
// no entry or a whole one.
package itemcache

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Formats is how many item slots an entry holds.
const Formats = 3

// versionFile names the file that says which program wrote the cache.
const versionFile = "VERSION"

const (
	versionMagic = "sitefeed item cache 1\n"
	entryMagic   = "SFI1"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// A Dir is a cache folder open for one build. Get and Put may be called
// from several goroutines at once.
type Dir struct {
	path, version string
	mu            sync.Mutex
	root          *os.Root        // nil until the folder exists
	used          map[string]bool // entries read or written by this build
	damaged       atomic.Int64
	tmp           atomic.Int64
}

// Open opens the cache folder dir for a program whose version is version.
// A missing folder is made by the first Put, so that a build that writes
// nothing leaves no folder behind. The warning, when not empty, says in
// one line why no entry will be found although the folder was a cache: it
// was written by another version (whose entries Open removes). A folder
// that holds files but no VERSION file is not a cache: Open returns a nil
// Dir and a warning, and touches nothing.
func Open(dir, version string) (d *Dir, warning string, err error) {
	d = &Dir{path: dir, version: version, used: map[string]bool{}}
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return d, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	got, err := root.ReadFile(versionFile)
	switch {
	case err == nil && string(got) == d.versionText():
		d.root = root
		return d, "", nil
	case err == nil:
		warning = fmt.Sprintf("cache %s was written by another version of sitefeed: every post is encoded again", dir)
		if err := removeEntries(root, nil); err != nil {
			root.Close()
			return nil, "", err
		}
		if err := root.WriteFile(versionFile, []byte(d.versionText()), 0o644); err != nil {
			root.Close()
			return nil, "", err
		}
		d.root = root
		return d, warning, nil
	case errors.Is(err, fs.ErrNotExist):
		names, err := fs.ReadDir(root.FS(), ".")
		root.Close()
		if err != nil {
			return nil, "", err
		}
		if len(names) > 0 {
			return nil, fmt.Sprintf("%s is not a sitefeed cache (it has no %s file): not used", dir, versionFile), nil
		}
		return d, "", nil // made by the first Put
	default:
		root.Close()
		return nil, "", err
	}
}

// IsCache reports whether the folder dir is a cache: it has a VERSION
// file, whichever program wrote it. Files in a folder that is not one
// are not sitefeed's, to read or remove.
func IsCache(dir string) bool {
	st, err := os.Lstat(filepath.Join(dir, versionFile))
	return err == nil && st.Mode().IsRegular()
}

func (d *Dir) versionText() string { return versionMagic + d.version + "\n" }

// ensure makes the folder and its VERSION file, once; d.mu is held.
func (d *Dir) ensure() error {
	if d.root != nil {
		return nil
	}
	if err := os.MkdirAll(d.path, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(d.path)
	if err != nil {
		return err
	}
	if err := root.WriteFile(versionFile, []byte(d.versionText()), 0o644); err != nil {
		root.Close()
		return err
	}
	d.root = root
	return nil
}

// Root returns the cache folder, made (with its VERSION file) when
// missing, for files of other kinds the cache keeps beside its entries.
// Close closes it.
func (d *Dir) Root() (*os.Root, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.ensure(); err != nil {
		return nil, err
	}
	return d.root, nil
}

// entryName reports whether name is an entry's file name.
func entryName(name string) bool {
	if len(name) != 64 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// removeEntries removes the entries (and temporary files) not in keep.
func removeEntries(root *os.Root, keep map[string]bool) error {
	// Names only: a folder entry's metadata costs a stat where the file
	// system does not give its type, once for each of thousands.
	dir, err := root.Open(".")
	if err != nil {
		return err
	}
	names, err := dir.Readdirnames(-1)
	dir.Close()
	if err != nil {
		return err
	}
	var errs []error
	for _, n := range names {
		if (entryName(n) && !keep[n]) || strings.HasPrefix(n, ".tmp-") {
			if err := root.Remove(n); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// Get returns the items of the entry key, one slot per format (nil where
// the entry has none), or false when there is no such entry or its
// checksum fails.
func (d *Dir) Get(key [32]byte) ([Formats][]byte, bool) {
	name := hex.EncodeToString(key[:])
	var items [Formats][]byte
	d.mu.Lock()
	root := d.root
	d.mu.Unlock()
	if root == nil {
		return items, false
	}
	data, err := root.ReadFile(name)
	if err != nil {
		return items, false
	}
	items, ok := decode(data)
	if !ok {
		d.damaged.Add(1)
		return items, false
	}
	d.mu.Lock()
	d.used[name] = true
	d.mu.Unlock()
	return items, true
}

// Put stores items (nil slots are absent) under key.
func (d *Dir) Put(key [32]byte, items [Formats][]byte) error {
	name := hex.EncodeToString(key[:])
	d.mu.Lock()
	d.used[name] = true
	err := d.ensure()
	root := d.root
	d.mu.Unlock()
	if err != nil {
		return err
	}
	tmp := ".tmp-" + strconv.FormatInt(int64(os.Getpid()), 10) + "-" + strconv.FormatInt(d.tmp.Add(1), 10)
	if err := root.WriteFile(tmp, encode(items), 0o644); err != nil {
		root.Remove(tmp)
		return err
	}
	return root.Rename(tmp, name)
}

// Use marks the entry key as used by this build without reading it, so
// that Close keeps it: its items are in documents the build left as they
// were, and a later build may need them.
func (d *Dir) Use(key [32]byte) {
	name := hex.EncodeToString(key[:])
	d.mu.Lock()
	d.used[name] = true
	d.mu.Unlock()
}

// Damaged is how many entries Get found with a failing checksum.
func (d *Dir) Damaged() int { return int(d.damaged.Load()) }

// Close removes the entries this build neither read nor wrote, which no
// later build of the same inputs needs, and closes the folder.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.root == nil {
		return nil
	}
	err := removeEntries(d.root, d.used)
	return errors.Join(err, d.root.Close())
}

// encode lays an entry out: the magic, each slot as a uvarint (0 for
// none, else its length plus 1) and its bytes, then the CRC-32C of all
// that.
func encode(items [Formats][]byte) []byte {
	n := len(entryMagic) + 4
	for _, it := range items {
		n += binary.MaxVarintLen64 + len(it)
	}
	out := append(make([]byte, 0, n), entryMagic...)
	for _, it := range items {
		if it == nil {
			out = binary.AppendUvarint(out, 0)
			continue
		}
		out = binary.AppendUvarint(out, uint64(len(it))+1)
		out = append(out, it...)
	}
	return binary.BigEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

func decode(data []byte) (items [Formats][]byte, ok bool) {
	if len(data) < len(entryMagic)+4 || string(data[:len(entryMagic)]) != entryMagic {
		return items, false
	}
	body, sum := data[:len(data)-4], binary.BigEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return items, false
	}
	rest := body[len(entryMagic):]
	for i := range items {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k)+1 {
			return items, false
		}
		rest = rest[k:]
		if n == 0 {
			continue
		}
		items[i], rest = rest[:n-1:n-1], rest[n-1:]
	}
	return items, len(rest) == 0
}
