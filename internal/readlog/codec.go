package readlog

import (
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
const magic = "sitefeed read log 2\n"

// errFormat is the error of a log that does not decode.
var errFormat = errors.New("not a read log of this version")

// AppendBinary appends the log, encoded, to b, or returns Err when the
// log cannot be kept. Names follow one another in order, each written as
// the length it shares with the one before and the rest. The parts are
// those of a loadcache.Encoder.
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
	enc := loadcache.Encoder{Buf: append(b, magic...)}
	enc.Len(len(roots), false)
	for _, r := range roots {
		enc.String(r)
	}
	enc.Len(len(es), false)
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
		enc.Int(int64(ri))
		enc.Int(int64(shared))
		enc.String(e.name[shared:])
		enc.Int(int64(e.kind))
		if e.kind != kindMissing {
			for _, v := range [...]int64{e.st.Size, e.st.Mtime, e.st.Ctime, int64(e.st.Ino), int64(e.st.Dev), int64(e.mode)} {
				enc.Int(v)
			}
		}
		prev = e.name
	}
	return enc.Buf, nil
}

// decode decodes an encoded log.
func decode(data []byte) ([]entry, error) {
	if len(data) < len(magic) || string(data[:len(magic)]) != magic {
		return nil, errFormat
	}
	d := loadcache.NewDecoder(data[len(magic):], nil)
	nroots, _ := d.Len()
	roots := make([]string, nroots)
	for i := range roots {
		roots[i] = d.String()
	}
	n, _ := d.Len()
	es := make([]entry, 0, n)
	name := make([]byte, 0, 256)
	last := int64(0)
	for range n {
		ri, shared, rest, k := d.Int(), d.Int(), d.String(), d.Int()
		if d.Bad() || k < 0 || k > 255 || ri < last || ri >= int64(len(roots)) || shared < 0 || shared > int64(len(name)) || ri != last && shared != 0 {
			return nil, errFormat
		}
		if ri != last {
			name = name[:0]
		}
		last = ri
		name = append(name[:shared], rest...)
		e := entry{key: key{root: roots[ri], name: string(name), kind: kind(k)}}
		switch e.kind {
		case kindLstat, kindStat:
			e.st = loadcache.Stat{Size: d.Int(), Mtime: d.Int(), Ctime: d.Int(), Ino: uint64(d.Int()), Dev: uint64(d.Int())}
			e.mode = fs.FileMode(d.Int())
		case kindMissing:
		default:
			return nil, errFormat
		}
		es = append(es, e)
	}
	if d.Err() != nil {
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
