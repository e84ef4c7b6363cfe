package sitefeed

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// ManifestName is the file in which WriteDir records what it wrote, so that
// a later WriteDir removes the feeds of tags that are gone and nothing else.
const ManifestName = ".sitefeed-manifest"

// Written is one file WriteDir wrote.
type Written struct {
	File
	Size int64 // bytes
	// Unchanged reports that the file already held exactly these bytes
	// and was left as it was, with its modification time.
	Unchanged bool
}

// WriteTo writes the file's document to w. It implements io.WriterTo.
func (f File) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := f.Feed.Write(cw, f.Format)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// renameWorkers is how many files WriteDir renames into place at once;
// more than the CPUs, as a rename may wait for the disk.
const renameWorkers = 8

// testHookCreate, when set, is called before each file is created; tests
// use it to make a write fail part-way.
var testHookCreate func(name string) error

// WriteDir writes every file of the set under dir, creating dir and the
// folders it needs. Nothing is written outside dir: paths are resolved
// with [os.Root], so neither a tag nor a symbolic link can lead elsewhere.
//
// Every file is first written in full to a temporary file beside its final
// name; only when all of them are written are they renamed into place. A
// build that fails part-way therefore leaves the previous feeds as they
// were: WriteDir removes its temporary files and the folders it made.
// Temporary names are unique to the call, so that calls writing into one
// folder at the same time never mix their documents. Files recorded by an
// earlier WriteDir in dir's manifest (ManifestName) that the set no longer
// has, such as the feeds of a tag no post carries any more, are then
// removed; no other file is touched.
//
// A file that already holds the bytes of its document is left as it was:
// it keeps its modification time, so that a deployment that copies only
// changed files, or a server answering conditional requests, sees that
// the feed did not change. Each document is compared with the file it
// replaces as it is written, and its temporary file is created only where
// they first differ.
//
// Each post is encoded once per format, and those bytes are written to the
// site feed and to every tag feed the post is in.
func (s *Set) WriteDir(dir string) ([]Written, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()

	w := &dirWriter{set: s, root: root, tag: strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(writeSeq.Add(1), 10)}
	defer w.closeRoots()
	written, err := w.writeAll()
	if err != nil {
		w.undo()
		return nil, err
	}
	// Rename in parallel: replacing a file frees the old one, which may
	// wait for the disk (a file system mounted with discard trims its
	// blocks before rename returns). Every folder was opened by open.
	errs := make([]error, len(w.temps))
	parallel(len(w.temps), renameWorkers, func(i int) {
		t := w.temps[i]
		if t == "" { // unchanged
			return
		}
		if err := w.folder(t).Rename(path.Base(t), path.Base(written[i].Path)); err != nil {
			errs[i] = fmt.Errorf("rename %s: %w", written[i].Path, err)
			return
		}
		w.temps[i] = ""
	})
	for _, err := range errs {
		if err != nil {
			w.undo()
			return nil, err
		}
	}
	if err := s.updateManifest(root, written, w.tag); err != nil {
		return written, err
	}
	return written, nil
}

type dirWriter struct {
	set   *Set
	root  *os.Root
	roots map[string]*os.Root // folders opened inside root, by path
	tag   string              // makes this call's temporary names its own
	temps []string            // in the order of set.Files()
	dirs  []string            // folders this call created, parents first

	files   []File
	written []Written
	handles []*os.File      // files being written, by index into files
	olds    []*replacement  // documents of files that exist, by index
	made    map[string]bool // folders mkdirAll made or found
}

// writeSeq numbers WriteDir calls, so that calls writing into one folder
// at the same time never share a temporary file.
var writeSeq atomic.Uint64

// tempName is the temporary file beside name that the WriteDir call with
// the given tag writes before renaming it to name.
func tempName(name, tag string) string {
	return path.Join(path.Dir(name), "."+path.Base(name)+"."+tag+".sitefeed-tmp")
}

// dirRoot returns the folder dir of the output, opened once per call: a
// file is then created or renamed in it with one system call, where a path
// through root takes one per folder on the way.
func (w *dirWriter) dirRoot(dir string) (*os.Root, error) {
	if dir == "." {
		return w.root, nil
	}
	if r, ok := w.roots[dir]; ok {
		return r, nil
	}
	r, err := w.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if w.roots == nil {
		w.roots = map[string]*os.Root{}
	}
	w.roots[dir] = r
	return r, nil
}

func (w *dirWriter) closeRoots() {
	for _, r := range w.roots {
		r.Close()
	}
}

// undo removes the temporary files and the folders (when still empty) of a
// WriteDir that failed, leaving dir as it was.
func (w *dirWriter) undo() {
	for _, f := range w.handles {
		if f != nil {
			f.Close()
		}
	}
	for _, r := range w.olds {
		if r != nil {
			r.drop()
		}
	}
	for _, t := range w.temps {
		if t != "" {
			w.root.Remove(t)
		}
	}
	for i := len(w.dirs) - 1; i >= 0; i-- {
		w.root.Remove(w.dirs[i])
	}
}

// mkdirAll creates dir and its missing parents, recording those it made,
// with one system call for each folder it has not seen yet.
func (w *dirWriter) mkdirAll(dir string) error {
	if dir == "." || dir == "/" || w.made[dir] {
		return nil
	}
	if err := w.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	switch err := w.root.Mkdir(dir, 0o755); {
	case err == nil:
		w.dirs = append(w.dirs, dir)
	case !errors.Is(err, fs.ErrExist): // when it is a file, opening it as a folder fails
		return err
	}
	if w.made == nil {
		w.made = map[string]bool{}
	}
	w.made[dir] = true
	return nil
}

func (w *dirWriter) writeAll() ([]Written, error) {
	s := w.set
	w.files = s.Files()
	w.written = make([]Written, len(w.files))
	w.temps = make([]string, len(w.files))
	w.handles = make([]*os.File, len(w.files))
	w.olds = make([]*replacement, len(w.files))
	seen := map[string]bool{}
	for i, f := range w.files {
		if !fs.ValidPath(f.Path) || f.Path == "." {
			return nil, fmt.Errorf("output path %q is not inside the output directory", f.Path)
		}
		if seen[f.Path] {
			return nil, fmt.Errorf("two feeds would be written to %s", f.Path)
		}
		seen[f.Path] = true
		w.written[i].File = f
	}
	if err := s.stream(w.files, w); err != nil {
		return nil, err
	}
	return w.written, nil
}

// open starts the documents of files[start:end] (a sink method): it makes
// their folders one after the other, then, in parallel, opens the file
// each document replaces, or creates its temporary file where there is
// none.
func (w *dirWriter) open(start, end int) ([]io.Writer, error) {
	for i := start; i < end; i++ {
		if dir := path.Dir(w.files[i].Path); dir != "." && w.roots[dir] == nil { // else made and opened already
			if err := w.mkdirAll(dir); err != nil {
				return nil, err
			}
			if _, err := w.dirRoot(dir); err != nil {
				return nil, err
			}
		}
	}
	writers := make([]io.Writer, end-start)
	errs := make([]error, end-start)
	var hook sync.Mutex
	parallel(end-start, 0, func(j int) {
		i := start + j
		if testHookCreate != nil {
			hook.Lock()
			err := testHookCreate(w.files[i].Path)
			hook.Unlock()
			if err != nil {
				errs[j] = err
				return
			}
		}
		if old := openOld(w.folder(w.files[i].Path), path.Base(w.files[i].Path)); old != nil {
			w.olds[i] = &replacement{w: w, i: i, old: old}
			writers[j] = w.olds[i]
			return
		}
		f, err := w.create(i)
		writers[j], errs[j] = f, err
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return writers, nil
}

// folder returns the opened folder of name, a path inside the output.
func (w *dirWriter) folder(name string) *os.Root {
	if d := path.Dir(name); d != "." {
		return w.roots[d] // opened by open: the map is only read here
	}
	return w.root
}

// create creates the temporary file of files[i].
func (w *dirWriter) create(i int) (*os.File, error) {
	tmp := tempName(w.files[i].Path, w.tag)
	f, err := w.folder(tmp).OpenFile(path.Base(tmp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = tmp // relative to the output folder, not to its own
		}
		return nil, err
	}
	w.temps[i], w.handles[i] = tmp, f
	return f, nil
}

// close ends the document of files[i] (a sink method): it closes its
// temporary file, or finds that the file it replaces holds its bytes.
func (w *dirWriter) close(i int, size int64) error {
	w.written[i].Size = size
	if r := w.olds[i]; r != nil {
		w.olds[i] = nil
		same, err := r.end()
		if err != nil {
			return err
		}
		w.written[i].Unchanged = same
	}
	f := w.handles[i]
	w.handles[i] = nil
	if f == nil {
		return nil
	}
	return f.Close()
}

// openOld opens the file name in dir that a document is to replace, or
// returns nil when there is none or it is not a regular file (a symbolic
// link, for one, is replaced, not followed).
func openOld(dir *os.Root, name string) *os.File {
	st, err := dir.Lstat(name)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	f, err := dir.Open(name)
	if err != nil {
		return nil
	}
	if fst, err := f.Stat(); err != nil || !os.SameFile(st, fst) {
		f.Close()
		return nil
	}
	return f
}

// A replacement is the document of a file that exists: what is written is
// compared with the file, and the temporary file is created, holding the
// bytes that matched, only once they differ.
type replacement struct {
	w   *dirWriter
	i   int      // index into w.files
	old *os.File // nil once they differ
	off int64    // bytes that matched
	f   *os.File // the temporary file, once they differ
}

// cmpBufs holds the buffers the old files are read into.
var cmpBufs = sync.Pool{New: func() any { return new([32 << 10]byte) }}

func (r *replacement) Write(p []byte) (int, error) {
	if r.f == nil {
		if r.match(p) {
			r.off += int64(len(p))
			return len(p), nil
		}
		if err := r.diverge(); err != nil {
			return 0, err
		}
	}
	return r.f.Write(p)
}

// match reads len(p) more bytes of the old file and reports whether they
// are p.
func (r *replacement) match(p []byte) bool {
	buf := cmpBufs.Get().(*[32 << 10]byte)
	defer cmpBufs.Put(buf)
	for len(p) > 0 {
		b := buf[:min(len(p), len(buf))]
		if _, err := io.ReadFull(r.old, b); err != nil || string(b) != string(p[:len(b)]) {
			return false
		}
		p = p[len(b):]
	}
	return true
}

// diverge creates the temporary file and copies into it the bytes that
// matched, from the old file.
func (r *replacement) diverge() error {
	f, err := r.w.create(r.i)
	if err != nil {
		return err
	}
	r.f = f
	if r.off > 0 {
		if _, err := io.Copy(f, io.NewSectionReader(r.old, 0, r.off)); err != nil {
			return err
		}
	}
	r.drop()
	return nil
}

// end reports whether the old file held exactly what was written; if it
// held more, the temporary file is made then.
func (r *replacement) end() (same bool, err error) {
	if r.f != nil {
		return false, nil
	}
	var b [1]byte
	if n, err := r.old.Read(b[:]); n == 0 && err == io.EOF {
		r.drop()
		return true, nil
	}
	return false, r.diverge()
}

func (r *replacement) drop() {
	if r.old != nil {
		r.old.Close()
		r.old = nil
	}
}

// updateManifest removes the files an earlier WriteDir wrote that this one
// did not, then records what this one wrote.
func (s *Set) updateManifest(root *os.Root, written []Written, tag string) error {
	now := map[string]bool{}
	var names []string
	for _, w := range written {
		now[w.Path] = true
		names = append(names, w.Path)
	}
	sort.Strings(names)
	old, err := root.ReadFile(ManifestName)
	if err == nil {
		var stale []string
		for _, name := range strings.Split(string(old), "\n") {
			name = strings.TrimSpace(name)
			if name == "" || strings.HasPrefix(name, "#") || now[name] || !fs.ValidPath(name) || name == ManifestName || !feedFileName(name) {
				continue
			}
			if st, err := root.Lstat(name); err == nil && st.Mode().IsRegular() {
				if err := root.Remove(name); err == nil {
					stale = append(stale, name)
				}
			}
		}
		// Remove folders the stale files leave empty (Remove fails on others).
		for _, name := range stale {
			for dir := path.Dir(name); dir != "." && dir != "/"; dir = path.Dir(dir) {
				if root.Remove(dir) != nil {
					break
				}
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var b strings.Builder
	b.WriteString("# Files written by sitefeed; they are replaced or removed by the next build.\n")
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	if err == nil && string(old) == b.String() {
		return nil
	}
	tmp := tempName(ManifestName, tag)
	if err := root.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		root.Remove(tmp)
		return err
	}
	return root.Rename(tmp, ManifestName)
}

// feedFileName reports whether name looks like a file WriteDir writes, so
// that an edited manifest cannot make it remove a page or an image.
func feedFileName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".xml", ".rss", ".atom", ".json":
		return true
	}
	return false
}
