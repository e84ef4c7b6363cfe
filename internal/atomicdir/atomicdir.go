// Package atomicdir replaces a set of files in a directory so that each
// file is replaced atomically and durably: a reader sees the old file or
// the new one, never a mix, and after a crash a file holds one or the
// other, never nothing.
//
// Open takes a lock on the directory, so that one write at a time goes
// into it (a second waits, or fails with ErrLocked), then finishes what an
// interrupted write left (see Commit) and removes the temporary files of
// writes that were killed. A write then goes in two steps. Create starts
// the files: each is compared, as it is written, with the file it
// replaces, and a temporary file beside it is created only where they
// first differ; closing a File syncs its temporary file. Commit then
// writes a journal of the files, renames the temporary files into place
// and syncs the folders that changed. A file that already held its bytes
// is left as it was, with its modification time. Abort, instead of
// Commit, removes the temporary files and the folders the write made,
// leaving the directory as it was. UpdateManifest records the files
// written, with their size and SHA-256, removes those an earlier write
// recorded that this one did not write and that still hold the bytes it
// recorded, and removes the journal.
//
// A file that exists and that the manifest does not list is never
// replaced: Create fails with a *NotOursError.
//
// The set as a whole is not replaced atomically: a reader during Commit
// may see some files new and others old. After a crash during Commit, the
// next Open finishes the renames from the journal, so that the directory
// holds every file of the interrupted write.
//
// A write keeps a bounded number of descriptors open, whatever the number
// of folders: a File holds its folder only until it is closed, and Commit
// opens a few folders at a time.
package atomicdir

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
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
	// NoWait makes Open fail at once with ErrLocked when another write
	// holds the directory, instead of waiting for it to end.
	NoWait bool

	// BeforeCreate, when set, is called before each file is started, one
	// call at a time; an error fails Create. Tests use it to make a write
	// fail part-way.
	BeforeCreate func(name string) error
}

// ErrLocked is the error of Open, with Options.NoWait, when another write
// holds the directory.
var ErrLocked = errors.New("another write into the folder is under way")

var errBusy = errors.New("busy")

// A NotOursError is the error of Create for a file that exists and that
// the manifest does not list: sitefeed did not write it.
type NotOursError struct {
	Name string // slash-separated, relative to the directory
}

func (e *NotOursError) Error() string {
	return fmt.Sprintf("refusing to overwrite %s: sitefeed did not write it (%s does not list it)", e.Name, ManifestName)
}

// A Dir is one write of files into a directory. Its methods must be called
// from one goroutine, except those of the Files it creates.
type Dir struct {
	dir      string // as given to Open
	root     *os.Root
	lock     *os.File // the directory, locked
	created  []string // the folders Open made (dir last)
	tag      string   // makes this write's temporary names its own
	opts     Options
	prev     *manifest // of the previous write
	records  *manifest // the values and lists of this write
	journal  bool      // this write wrote a journal not yet removed
	warnings []error
	files    []*File
	dirs     []string        // folders this write created, parents first
	made     map[string]bool // folders mkdirAll made or found

	// Keep: the modification time of the previous manifest, the files
	// kept, the keys of the inputs of this write's files, and whether the
	// manifest is to be written again although it did not change.
	stamp   int64
	kept    map[string]entry
	keptAt  map[string]fileStat // the stat Keep found, unchanged since
	inputs  map[string][32]byte
	restamp bool

	mu      sync.Mutex
	folders map[string]*folder // opened inside root, by path, while in use
	// statDir is the folder statDirName (with its slash), which Keep
	// keeps open from one file to the next; closed before any change.
	statDir     *os.Root
	statDirName string

	// trace, when set, is told of each sync and rename, for tests.
	trace func(op, name string)
}

// A folder is a folder opened inside the directory, and how many Files
// use it.
type folder struct {
	root *os.Root
	refs int
}

// seq numbers writes, so that writes in one process never share a
// temporary file.
var seq atomic.Uint64

// Open starts a write into dir, creating it and its parents as needed, and
// locks it. Every path given to the Dir is slash-separated and relative to
// dir, and is resolved with os.Root, so that no symbolic link leads
// outside dir. The lock is released by Close.
func Open(dir string, opts *Options) (*Dir, error) {
	d := &Dir{dir: dir, records: newManifest(), tag: strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(seq.Add(1), 10), kept: map[string]entry{}, keptAt: map[string]fileStat{}, inputs: map[string][32]byte{}}
	if opts != nil {
		d.opts = *opts
	}
	if err := d.makeDir(); err != nil {
		return nil, err
	}
	if err := d.openLocked(); err != nil {
		d.removeCreated()
		return nil, err
	}
	err := d.readManifest()
	if err == nil {
		err = d.recover()
	}
	if err != nil {
		d.Abort()
		d.Close()
		return nil, err
	}
	d.removeTemps()
	d.stamp = d.manifestStamp()
	return d, nil
}

// makeDir creates dir and its missing parents, recording those it made. A
// symbolic link to nothing is named as such.
func (d *Dir) makeDir() error {
	if st, err := os.Lstat(d.dir); err == nil {
		if st.Mode()&fs.ModeSymlink != 0 {
			if _, err := os.Stat(d.dir); errors.Is(err, fs.ErrNotExist) {
				target, _ := os.Readlink(d.dir)
				return fmt.Errorf("output folder %s is a symbolic link to %s, which does not exist", d.dir, target)
			}
		}
		return nil
	}
	var missing []string
	for p := filepath.Clean(d.dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || filepath.Dir(p) == p {
			break
		}
		missing = append(missing, p)
	}
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return err
	}
	d.created = missing
	return nil
}

// removeCreated removes the folders Open made, when still empty.
func (d *Dir) removeCreated() {
	for _, p := range d.created {
		if os.Remove(p) != nil {
			break
		}
	}
	d.created = nil
}

// openLocked opens the directory and locks it; when the folder at its path
// changed while waiting for the lock (an aborted first write removed it),
// it opens it again.
func (d *Dir) openLocked() error {
	for {
		root, err := os.OpenRoot(d.dir)
		if err != nil {
			return err
		}
		lock, err := root.Open(".")
		if err != nil {
			root.Close()
			return err
		}
		if err := lockFolder(lock, !d.opts.NoWait); err != nil {
			lock.Close()
			root.Close()
			if err == errBusy {
				return fmt.Errorf("%s: %w", d.dir, ErrLocked)
			}
			return fmt.Errorf("locking %s: %w", d.dir, err)
		}
		now, err1 := os.Stat(d.dir)
		locked, err2 := lock.Stat()
		if err1 == nil && err2 == nil && os.SameFile(now, locked) {
			d.root, d.lock = root, lock
			return nil
		}
		lock.Close()
		root.Close()
		if err1 != nil {
			if err := d.makeDir(); err != nil {
				return err
			}
		}
	}
}

// Close releases the lock and the folders the write opened. It neither
// commits nor aborts.
func (d *Dir) Close() error {
	d.mu.Lock()
	d.closeStatDir()
	d.mu.Unlock()
	for _, f := range d.folders {
		f.root.Close()
	}
	d.folders = nil
	if d.lock != nil {
		d.lock.Close()
	}
	return d.root.Close()
}

// Warnings returns what the write left alone and why: stale files that
// changed since sitefeed wrote them, a manifest that could not be read.
func (d *Dir) Warnings() []error { return d.warnings }

func (d *Dir) warn(err error) { d.warnings = append(d.warnings, err) }

// show names a file of the directory for a message.
func (d *Dir) show(name string) string { return filepath.Join(d.dir, filepath.FromSlash(name)) }

// tempName is the temporary file beside name that this write renames to
// name.
func (d *Dir) tempName(name string) string { return tempName(name, d.tag) }

func tempName(name, tag string) string {
	return path.Join(path.Dir(name), "."+path.Base(name)+"."+tag+".sitefeed-tmp")
}

// tempPattern matches the temporary names of every write: the tag is the
// process ID and a sequence number.
var tempPattern = regexp.MustCompile(`^\..+\.[0-9]+-[0-9]+\.sitefeed-tmp$`)

// tagPattern matches the tag of a write.
var tagPattern = regexp.MustCompile(`^[0-9]+-[0-9]+$`)

func validTag(tag string) bool { return tagPattern.MatchString(tag) }

// removeTemps removes the temporary files that killed writes left, in the
// whole directory (symbolic links are not followed). The lock proves that
// no other write is under way.
func (d *Dir) removeTemps() {
	fs.WalkDir(d.root.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() && tempPattern.MatchString(e.Name()) {
			d.root.Remove(p)
		}
		return nil
	})
}

// FilesAtOnce returns how many files a write should have open at once: a
// File may hold three descriptors (its folder, the file it replaces, its
// temporary file), and half the process's limit is left for the rest.
// It is at most 1024.
func FilesAtOnce() int {
	n := openFileLimit()
	if n <= 0 {
		return 1024
	}
	return min(1024, max(4, n/2/3))
}

// Create starts the files of names, in parallel: it makes their folders,
// then opens the file each replaces, or creates its temporary file where
// there is none. A file that exists and that the manifest does not list
// is refused with a *NotOursError. Each File must be closed before
// Commit; it holds its folder open until then.
func (d *Dir) Create(names []string) ([]*File, error) {
	for _, name := range names {
		if !fs.ValidPath(name) || name == "." || isOwnFile(name) {
			return nil, fmt.Errorf("output path %q is not inside the output directory", name)
		}
		if err := d.mkdirAll(path.Dir(name)); err != nil {
			return nil, err
		}
	}
	files := make([]*File, 0, len(names))
	for _, name := range names {
		r, err := d.acquireFolder(path.Dir(name))
		if err != nil {
			for _, f := range files {
				f.release()
			}
			return nil, err
		}
		files = append(files, &File{d: d, name: name, folder: r, sum: sha256.New()})
	}
	d.files = append(d.files, files...)
	errs := make([]error, len(names))
	var hook sync.Mutex
	each(len(names), runtime.GOMAXPROCS(0), func(i int) {
		f := files[i]
		if d.opts.BeforeCreate != nil {
			hook.Lock()
			errs[i] = d.opts.BeforeCreate(names[i])
			hook.Unlock()
			if errs[i] != nil {
				return
			}
		}
		base := path.Base(f.name)
		if _, err := f.folder.Lstat(base); err == nil && !d.Owned(f.name) {
			errs[i] = &NotOursError{Name: f.name}
			return
		}
		if f.old = openOld(f.folder, base); f.old == nil {
			errs[i] = f.create()
		}
	})
	if err := Summarize(errors.Join(errs...)); err != nil {
		return nil, err
	}
	return files, nil
}

// Check returns a *NotOursError for the first of names that exists and
// that the manifest does not list, so that a write can be refused before
// anything is written.
func (d *Dir) Check(names []string) error {
	for _, n := range names {
		if !fs.ValidPath(n) || n == "." {
			continue // Create says why
		}
		if d.Owned(n) {
			continue
		}
		if _, err := d.root.Lstat(n); err == nil {
			return &NotOursError{Name: n}
		}
	}
	return nil
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

// acquireFolder returns the folder dir, opened once while Files use it:
// a file is then created or renamed in it with one system call, where a
// path through root takes one per folder on the way.
func (d *Dir) acquireFolder(dir string) (*os.Root, error) {
	if dir == "." {
		return d.root, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if f := d.folders[dir]; f != nil {
		f.refs++
		return f.root, nil
	}
	r, err := d.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	if d.folders == nil {
		d.folders = map[string]*folder{}
	}
	d.folders[dir] = &folder{root: r, refs: 1}
	return r, nil
}

// releaseFolder lets go of the folder dir, closing it when no File uses
// it any more.
func (d *Dir) releaseFolder(dir string) {
	if dir == "." {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if f := d.folders[dir]; f != nil {
		if f.refs--; f.refs == 0 {
			f.root.Close()
			delete(d.folders, dir)
		}
	}
}

// Commit writes the journal, then renames every changed file into place,
// a few folders at a time, then syncs the folders that changed. The files
// must all be closed. When a rename fails, the temporary files not yet
// renamed are removed and the error returned; the files already renamed
// stay, and the error says how many (the next Open records them from the
// journal).
func (d *Dir) Commit() error {
	d.mu.Lock()
	d.closeStatDir()
	d.mu.Unlock()
	var changed []*File
	byFolder := map[string][]*File{}
	var order []string
	for _, f := range d.files {
		if f.tmp != "" {
			changed = append(changed, f)
			dir := path.Dir(f.name)
			if byFolder[dir] == nil {
				order = append(order, dir)
			}
			byFolder[dir] = append(byFolder[dir], f)
		}
	}
	if len(changed) > 0 {
		if err := d.writeJournal(changed); err != nil {
			d.Abort()
			return err
		}
	}
	errs := make([]error, len(order))
	var renamed atomic.Int64
	each(len(order), renameWorkers, func(i int) {
		r, err := d.acquireFolder(order[i])
		if err != nil {
			errs[i] = err
			return
		}
		defer d.releaseFolder(order[i])
		var ferrs []error
		for _, f := range byFolder[order[i]] {
			d.traceOp("rename", f.name)
			if err := r.Rename(path.Base(f.tmp), path.Base(f.name)); err != nil {
				ferrs = append(ferrs, fmt.Errorf("rename %s: %w", f.name, err))
				continue
			}
			f.tmp = ""
			renamed.Add(1)
		}
		errs[i] = errors.Join(ferrs...)
	})
	if err := Summarize(errors.Join(errs...)); err != nil {
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
	d.mu.Lock()
	d.closeStatDir()
	d.mu.Unlock()
	for _, f := range d.files {
		f.abort()
	}
	for i := len(d.dirs) - 1; i >= 0; i-- {
		d.root.Remove(d.dirs[i])
	}
	d.dirs = nil
	if len(d.created) > 0 && !d.journal {
		d.removeCreated()
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
