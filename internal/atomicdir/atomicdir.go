// Package atomicdir replaces a set of files in a directory so that each
// file is replaced atomically and durably: a reader sees the old file or
// the new one, never a mix, and after a crash a file holds one or the
// other, never nothing.
//
// A write goes in two steps. Create starts the files: each is compared, as
// it is written, with the file it replaces, and a temporary file beside it
// is created only where they first differ; closing a File syncs its
// temporary file. Commit then renames the temporary files into place and
// syncs the folders that changed. A file that already held its bytes is
// left as it was, with its modification time. Abort, instead of Commit,
// removes the temporary files and the folders the write made, leaving the
// directory as it was. UpdateManifest records the files written, and
// removes those an earlier write recorded that this one did not write.
//
// The set as a whole is not replaced atomically: a reader (or a crash)
// during Commit may see some files new and others old, and a rename that
// fails part-way leaves the files already renamed in place.
package atomicdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
)

// renameWorkers is how many files Commit renames into place at once; more
// than the CPUs, as a rename may wait for the disk (a file system mounted
// with discard trims the replaced file's blocks before rename returns).
const renameWorkers = 8

// Options tune a write. A nil *Options means defaults.
type Options struct {
	// BeforeCreate, when set, is called before each file is started, one
	// call at a time; an error fails Create. Tests use it to make a write
	// fail part-way.
	BeforeCreate func(name string) error
}

// A Dir is one write of files into a directory. Its methods must be called
// from one goroutine, except those of the Files it creates.
type Dir struct {
	root  *os.Root
	roots map[string]*os.Root // folders opened inside root, by path
	tag   string              // makes this write's temporary names its own
	opts  Options
	files []*File
	dirs  []string        // folders this write created, parents first
	made  map[string]bool // folders mkdirAll made or found

	// trace, when set, is told of each sync and rename, for tests.
	trace func(op, name string)
}

// seq numbers writes, so that writes into one folder at the same time
// never share a temporary file.
var seq atomic.Uint64

// Open starts a write into dir, creating it and its parents as needed.
// Every path given to the Dir is slash-separated and relative to dir, and
// is resolved with os.Root, so that no symbolic link leads outside dir.
func Open(dir string, opts *Options) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	d := &Dir{root: root, tag: strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(seq.Add(1), 10)}
	if opts != nil {
		d.opts = *opts
	}
	return d, nil
}

// Close releases the folders the write opened. It neither commits nor
// aborts.
func (d *Dir) Close() error {
	for _, r := range d.roots {
		r.Close()
	}
	return d.root.Close()
}

// tempName is the temporary file beside name that this write renames to
// name.
func (d *Dir) tempName(name string) string {
	return path.Join(path.Dir(name), "."+path.Base(name)+"."+d.tag+".sitefeed-tmp")
}

// Create starts the files of names, in parallel: it makes their folders,
// then opens the file each replaces, or creates its temporary file where
// there is none. Each File must be closed before Commit.
func (d *Dir) Create(names []string) ([]*File, error) {
	for _, name := range names {
		if !fs.ValidPath(name) || name == "." {
			return nil, fmt.Errorf("output path %q is not inside the output directory", name)
		}
		if dir := path.Dir(name); dir != "." && d.roots[dir] == nil { // else made and opened already
			if err := d.mkdirAll(dir); err != nil {
				return nil, err
			}
			if err := d.openFolder(dir); err != nil {
				return nil, err
			}
		}
	}
	files := make([]*File, len(names))
	errs := make([]error, len(names))
	var hook sync.Mutex
	each(len(names), runtime.GOMAXPROCS(0), func(i int) {
		if d.opts.BeforeCreate != nil {
			hook.Lock()
			errs[i] = d.opts.BeforeCreate(names[i])
			hook.Unlock()
			if errs[i] != nil {
				return
			}
		}
		f := &File{d: d, name: names[i]}
		files[i] = f
		if f.old = openOld(d.folder(names[i]), path.Base(names[i])); f.old == nil {
			errs[i] = f.create()
		}
	})
	for _, f := range files {
		if f != nil {
			d.files = append(d.files, f)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// mkdirAll creates dir and its missing parents, recording those it made,
// with one system call for each folder it has not seen yet.
func (d *Dir) mkdirAll(dir string) error {
	if dir == "." || dir == "/" || d.made[dir] {
		return nil
	}
	if err := d.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	switch err := d.root.Mkdir(dir, 0o755); {
	case err == nil:
		d.dirs = append(d.dirs, dir)
	case !errors.Is(err, fs.ErrExist): // when it is a file, opening it as a folder fails
		return err
	}
	if d.made == nil {
		d.made = map[string]bool{}
	}
	d.made[dir] = true
	return nil
}

// openFolder opens the folder dir once per write: a file is then created
// or renamed in it with one system call, where a path through root takes
// one per folder on the way.
func (d *Dir) openFolder(dir string) error {
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return err
	}
	if d.roots == nil {
		d.roots = map[string]*os.Root{}
	}
	d.roots[dir] = r
	return nil
}

// folder returns the opened folder of name.
func (d *Dir) folder(name string) *os.Root {
	if dir := path.Dir(name); dir != "." {
		return d.roots[dir] // opened by Create: the map is only read here
	}
	return d.root
}

// Commit renames every changed file into place, in parallel, then syncs
// the folders that changed. The files must all be closed. When a rename
// fails, the temporary files not yet renamed are removed and the error
// returned; the files already renamed stay, and the error says how many.
func (d *Dir) Commit() error {
	var changed []*File
	for _, f := range d.files {
		if f.tmp != "" {
			changed = append(changed, f)
		}
	}
	errs := make([]error, len(changed))
	var renamed atomic.Int64
	each(len(changed), renameWorkers, func(i int) {
		f := changed[i]
		d.traceOp("rename", f.name)
		if err := d.folder(f.name).Rename(path.Base(f.tmp), path.Base(f.name)); err != nil {
			errs[i] = fmt.Errorf("rename %s: %w", f.name, err)
			return
		}
		f.tmp = ""
		renamed.Add(1)
	})
	if err := errors.Join(errs...); err != nil {
		d.Abort()
		if n := renamed.Load(); n > 0 {
			return fmt.Errorf("%w (%d of %d changed files were already replaced; the others were left as they were)", err, n, len(changed))
		}
		return err
	}
	// Sync each folder that gained or replaced an entry, so that the
	// renames (and the folders made) survive a crash.
	seen := map[string]bool{}
	var folders []string
	add := func(dir string) {
		if !seen[dir] {
			seen[dir] = true
			folders = append(folders, dir)
		}
	}
	for _, dir := range d.dirs {
		add(path.Dir(dir))
	}
	for _, f := range changed {
		add(path.Dir(f.name))
	}
	errs = make([]error, len(folders))
	each(len(folders), renameWorkers, func(i int) { errs[i] = d.syncFolder(folders[i]) })
	return errors.Join(errs...)
}

// syncFolder syncs the folder dir. Windows cannot sync a folder, and does
// not need to: there a rename is durable once it returns.
func (d *Dir) syncFolder(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d.traceOp("syncdir", dir)
	f, err := d.root.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// Abort removes the temporary files and the folders (when still empty) of
// the write, leaving the directory as it was.
func (d *Dir) Abort() {
	for _, f := range d.files {
		f.abort()
	}
	for i := len(d.dirs) - 1; i >= 0; i-- {
		d.root.Remove(d.dirs[i])
	}
}

func (d *Dir) traceOp(op, name string) {
	if d.trace != nil {
		d.trace(op, name)
	}
}

// each calls fn(0) … fn(n-1), at most workers at a time.
func each(n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(1, workers))
	for i := range n {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			fn(i)
		})
	}
	wg.Wait()
}
