package atomicdir

import (
	"errors"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"sync"
)

// A File is one file of a write. What is written to it is compared with
// the file it replaces, and its temporary file is created, holding the
// bytes that matched, only once they differ. Its methods must be called
// from one goroutine at a time; different Files may be written at once.
type File struct {
	d      *Dir
	name   string
	folder *os.Root // the file's folder, held until the file is closed
	old    *os.File // the file replaced, while the bytes match
	off    int64    // bytes that matched
	f      *os.File // the temporary file, once they differ
	tmp    string   // its name, until renamed
	sum    hash.Hash
	size   int64 // bytes written

	unchanged bool
	closed    bool // closed without an error: the file is complete
}

// entry returns what the manifest records of the file.
func (f *File) entry() entry {
	e := entry{size: f.size, known: true}
	f.sum.Sum(e.sum[:0])
	return e
}

// Record keys the file, once closed, by its own SHA-256 (see SetInput),
// for a file whose inputs the caller does not key, such as a copy: the
// manifest then records its stat, by which Unchanged trusts it without
// reading it.
func (f *File) Record() { f.d.SetInput(f.name, f.entry().sum) }

// Name returns the file's path, as given to Create.
func (f *File) Name() string { return f.name }

// Unchanged reports, once the file is closed, that the file it replaces
// already held exactly the bytes written, so that it is left as it was.
func (f *File) Unchanged() bool { return f.unchanged }

// create creates the temporary file.
func (f *File) create() error {
	tmp := f.d.tempName(f.name)
	t, err := f.folder.OpenFile(path.Base(tmp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = tmp // relative to the output folder, not to its own
		}
		return err
	}
	f.tmp, f.f = tmp, t
	return nil
}

// cmpBufs holds the buffers the old files are read into.
var cmpBufs = sync.Pool{New: func() any { return new([32 << 10]byte) }}

// Write writes p to the file. It implements io.Writer.
func (f *File) Write(p []byte) (int, error) {
	f.sum.Write(p)
	f.size += int64(len(p))
	if f.f == nil {
		if f.match(p) {
			f.off += int64(len(p))
			return len(p), nil
		}
		if err := f.diverge(); err != nil {
			return 0, err
		}
	}
	return f.f.Write(p)
}

// match reads len(p) more bytes of the old file and reports whether they
// are p.
func (f *File) match(p []byte) bool {
	buf := cmpBufs.Get().(*[32 << 10]byte)
	defer cmpBufs.Put(buf)
	for len(p) > 0 {
		b := buf[:min(len(p), len(buf))]
		if _, err := io.ReadFull(f.old, b); err != nil || string(b) != string(p[:len(b)]) {
			return false
		}
		p = p[len(b):]
	}
	return true
}

// diverge creates the temporary file and copies into it the bytes that
// matched, from the old file.
func (f *File) diverge() error {
	if err := f.create(); err != nil {
		return err
	}
	if f.off > 0 {
		if _, err := io.Copy(f.f, io.NewSectionReader(f.old, 0, f.off)); err != nil {
			return err
		}
	}
	f.dropOld()
	return nil
}

// Close ends the file. When the file it replaces held more than was
// written, the temporary file is made then. A temporary file is synced
// before it is closed, so that once Commit renames it, it is never found
// empty or partial, even after a crash.
func (f *File) Close() error {
	defer f.release()
	if f.old != nil {
		var b [1]byte
		if n, err := f.old.Read(b[:]); n == 0 && err == io.EOF {
			f.dropOld()
			f.unchanged, f.closed = true, true
			return nil
		}
		if err := f.diverge(); err != nil {
			return err
		}
	}
	if f.f == nil {
		f.closed = f.tmp != ""
		return nil
	}
	t := f.f
	f.f = nil
	f.d.traceOp("sync", f.name)
	err := t.Sync()
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	f.closed = err == nil
	return err
}

// release lets go of the file's folder.
func (f *File) release() {
	if f.folder != nil {
		f.d.releaseFolder(path.Dir(f.name))
		f.folder = nil
	}
}

func (f *File) dropOld() {
	if f.old != nil {
		f.old.Close()
		f.old = nil
	}
}

// abort closes the file and removes its temporary file.
func (f *File) abort() {
	f.release()
	f.dropOld()
	if f.f != nil {
		f.f.Close()
		f.f = nil
	}
	if f.tmp != "" {
		f.d.root.Remove(f.tmp)
		f.tmp = ""
	}
}

// openOld opens the file name in dir that a file is to replace, or returns
// nil when there is none or it is not a regular file (a symbolic link, for
// one, is replaced, not followed).
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
