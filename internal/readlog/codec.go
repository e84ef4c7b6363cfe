package readlog

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/sitefeed/sitefeed/internal/loadcache"
)

// magic begins an encoded log.
const magic = "sitefeed read log 1\n"

// errFormat is the error of a log that does not decode.
var errFormat = errors.New("not a read log of this version")

// AppendBinary appends the log, encoded, to b, or returns Err when the
// log cannot be kept. Names follow one another in order, each written as
// the length it shares with the one before and the rest.
func (l *Log) AppendBinary(b []byte) ([]byte, error) {
	if err := l.Err(); err != nil {
		return b, err
	}
	es := l.sorted()
	var roots []string
	for _, e := range es {
		if len(roots) == 0 || roots[len(roots)-1] != e.root {
			roots = append(roots, e.root)
		}
	}
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(len(roots)))
	for _, r := range roots {
		b = binary.AppendUvarint(b, uint64(len(r)))
		b = append(b, r...)
	}
	b = binary.AppendUvarint(b, uint64(len(es)))
	ri, prev := 0, ""
	for _, e := range es {
		for roots[ri] != e.root {
			ri++
			prev = ""
		}
		shared := 0
		for shared < len(prev) && shared < len(e.name) && prev[shared] == e.name[shared] {
			shared++
		}
		b = binary.AppendUvarint(b, uint64(ri))
		b = binary.AppendUvarint(b, uint64(shared))
		b = binary.AppendUvarint(b, uint64(len(e.name)-shared))
		b = append(b, e.name[shared:]...)
		b = append(b, byte(e.kind))
		if e.kind != kindMissing {
			b = binary.AppendVarint(b, e.st.Size)
			b = binary.AppendVarint(b, e.st.Mtime)
			b = binary.AppendVarint(b, e.st.Ctime)
			b = binary.AppendUvarint(b, e.st.Ino)
			b = binary.AppendUvarint(b, e.st.Dev)
			b = binary.AppendUvarint(b, uint64(e.mode))
		}
		prev = e.name
	}
	return b, nil
}

// A reader decodes an encoded log.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// decode decodes an encoded log.
func decode(data []byte) ([]entry, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errFormat
	}
	r := &reader{b: data[len(magic):]}
	roots := make([]string, min(r.uvarint(), uint64(len(r.b))))
	for i := range roots {
		roots[i] = string(r.bytes(r.uvarint()))
	}
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		return nil, errFormat
	}
	es := make([]entry, 0, n)
	name := make([]byte, 0, 256)
	last := uint64(0)
	for range n {
		ri := r.uvarint()
		shared := r.uvarint()
		rest := r.bytes(r.uvarint())
		kb := r.bytes(1)
		if r.bad || ri >= uint64(len(roots)) || ri < last || shared > uint64(len(name)) || len(kb) != 1 {
			return nil, errFormat
		}
		if ri != last {
			name = name[:0]
			if shared != 0 {
				return nil, errFormat
			}
		}
		last = ri
		name = append(name[:shared], rest...)
		e := entry{key: key{root: roots[ri], name: string(name), kind: kind(kb[0])}}
		switch e.kind {
		case kindLstat, kindStat:
			e.st = loadcache.Stat{Size: r.varint(), Mtime: r.varint(), Ctime: r.varint(), Ino: r.uvarint(), Dev: r.uvarint()}
			e.mode = fs.FileMode(r.uvarint())
		case kindMissing:
		default:
			return nil, errFormat
		}
		es = append(es, e)
	}
	if r.bad || len(r.b) != 0 {
		return nil, errFormat
	}
	return es, nil
}

// Files returns the paths of an encoded log's files and folders, as
// Log.Files does.
func Files(data []byte) ([]string, error) {
	es, err := decode(data)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range es {
		p := filepath.Join(e.root, filepath.FromSlash(e.name))
		if len(paths) == 0 || paths[len(paths)-1] != p {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), nil
}

// Check stats again every file of an encoded log, and returns the path of
// one that changed, or "" when none did. A file changed when a stat gives
// another stat than the one recorded, or finds the file where it was not
// or not where it was. It reads no file.
func Check(data []byte) (changed string, err error) {
	es, err := decode(data)
	if err != nil {
		return "", err
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(es)/512))
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first = len(es)
	)
	for w := range workers {
		lo, hi := w*len(es)/workers, (w+1)*len(es)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if !same(&es[i]) {
					mu.Lock()
					first = min(first, i)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if first == len(es) {
		return "", nil
	}
	return filepath.Join(es[first].root, filepath.FromSlash(es[first].name)), nil
}

// same reports whether a look at e's file now sees what e recorded.
func same(e *entry) bool {
	name := filepath.Join(e.root, filepath.FromSlash(e.name))
	var fi fs.FileInfo
	var err error
	if e.kind == kindLstat {
		fi, err = os.Lstat(name)
	} else {
		fi, err = os.Stat(name)
	}
	if e.kind == kindMissing {
		return errors.Is(err, fs.ErrNotExist)
	}
	if err != nil {
		return false
	}
	st, ok := loadcache.StatOf(fi)
	return ok && st == e.st && fi.Mode() == e.mode
}
