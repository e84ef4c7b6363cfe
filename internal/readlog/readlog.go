// Package readlog records what a run reads from the folders it is given,
// with what a stat of each says, so that a later run can tell, by stat'ing
// them again and reading nothing, that none of them changed: each file it
// opens or stats, each folder it lists, each entry of a listing whose
// metadata it asks for, and each name it looks for and does not find.
//
// A file is the same file with the same bytes when a stat gives the same
// size, modification and change times, inode and device, as git trusts its
// index: an edit changes the change time, which no program can set back. A
// file changed shortly before it was recorded could change again within
// the same tick of the clock without its stat showing it, so a log that
// records one cannot be kept (see Log.Err). A folder's modification and
// change times move when an entry is added, removed or renamed, so that a
// listing is the same when the folder's stat is.
package readlog

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sitefeed/sitefeed/internal/loadcache"
)

// A kind is how a name was looked at.
type kind uint8

const (
	kindLstat   kind = iota + 1 // the name itself, a link not followed: an entry of a listing
	kindStat                    // links followed: a file opened or stat'ed, a folder listed
	kindMissing                 // looked for, links followed, and not found
)

// A key names one look at a file.
type key struct {
	root, name string
	kind       kind
}

// A stat is what a look saw.
type stat struct {
	st   loadcache.Stat
	mode fs.FileMode
}

// A Log records the looks of one run. Its methods may be called from
// several goroutines at once.
type Log struct {
	since   int64 // a file changed at or after it is racy
	mu      sync.Mutex
	entries map[key]stat
	bad     error // why the log cannot be kept
}

// New returns an empty log for a run that began at start. A file changed
// less than window before start makes the log one that cannot be kept: a
// clock tick of the file system (a nanosecond on ext4, two seconds on
// FAT) must lie between its change and its record.
func New(start time.Time, window time.Duration) *Log {
	return &Log{since: start.Add(-window).UnixNano(), entries: map[key]stat{}}
}

// Err returns nil when the log can be kept: every look gave a stat of
// the operating system (or found nothing), no file had changed shortly
// before the run began, and two looks at one file agreed. Otherwise it
// says why not.
func (l *Log) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bad
}

// Len returns how many looks the log holds.
func (l *Log) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// fail records why the log cannot be kept, the first reason only.
func (l *Log) fail(err error) {
	l.mu.Lock()
	if l.bad == nil {
		l.bad = err
	}
	l.mu.Unlock()
}

// record records a look at root's name that gave fi or err.
func (l *Log) record(k key, fi fs.FileInfo, err error) {
	show := func() string { return filepath.Join(k.root, filepath.FromSlash(k.name)) }
	var s stat
	switch {
	case errors.Is(err, fs.ErrNotExist) && k.kind == kindStat:
		k.kind = kindMissing
	case err != nil:
		l.fail(fmt.Errorf("%s: %v", show(), err))
		return
	default:
		st, ok := loadcache.StatOf(fi)
		if !ok {
			l.fail(fmt.Errorf("%s: no stat of the operating system", show()))
			return
		}
		if st.Mtime >= l.since || st.Ctime >= l.since {
			l.fail(fmt.Errorf("%s changed as the run began", show())) // recorded all the same, for Files
		}
		s = stat{st, fi.Mode()}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.entries[k]; ok && old != s {
		if l.bad == nil {
			l.bad = fmt.Errorf("%s changed during the run", show())
		}
		return
	}
	l.entries[k] = s
}

// Files returns the paths, as os.Stat takes them, of the files and
// folders the run looked at, found or not, sorted, also when the log
// cannot be kept: what a watch of the run's inputs looks at.
func (l *Log) Files() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := make(map[string]bool, len(l.entries))
	for k := range l.entries {
		seen[filepath.Join(k.root, filepath.FromSlash(k.name))] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

// File records a stat of the file name, a path as os.Stat takes it.
func (l *Log) File(name string) {
	fi, err := os.Stat(name)
	l.record(key{name: name, kind: kindStat}, fi, err)
}

// FS returns fsys, which the caller opened at the folder root (a path as
// os.Stat takes it), recording every look through it. It implements
// fs.StatFS and fs.ReadDirFS; the entries of its listings record the
// stats their Info methods give.
func (l *Log) FS(root string, fsys fs.FS) fs.FS {
	return &logFS{l: l, root: root, fsys: fsys}
}

type logFS struct {
	l    *Log
	root string
	fsys fs.FS
}

func (f *logFS) Open(name string) (fs.File, error) {
	file, err := f.fsys.Open(name)
	k := key{f.root, name, kindStat}
	if err != nil {
		f.l.record(k, nil, err)
		return nil, err
	}
	fi, err := file.Stat()
	f.l.record(k, fi, err)
	return file, nil
}

func (f *logFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(f.fsys, name)
	f.l.record(key{f.root, name, kindStat}, fi, err)
	return fi, err
}

func (f *logFS) ReadDir(name string) ([]fs.DirEntry, error) {
	// The folder is stat'ed before it is listed: an entry added between
	// the two changes its stat after the one recorded.
	fi, err := fs.Stat(f.fsys, name)
	f.l.record(key{f.root, name, kindStat}, fi, err)
	es, err := fs.ReadDir(f.fsys, name)
	if err != nil {
		f.l.fail(fmt.Errorf("listing %s: %v", filepath.Join(f.root, filepath.FromSlash(name)), err))
		return es, err
	}
	for i, e := range es {
		es[i] = &logEntry{DirEntry: e, f: f, name: path.Join(name, e.Name())}
	}
	return es, nil
}

// A logEntry is an entry of a listing whose Info is recorded.
type logEntry struct {
	fs.DirEntry
	f    *logFS
	name string
}

func (e *logEntry) Info() (fs.FileInfo, error) {
	fi, err := e.DirEntry.Info()
	e.f.l.record(key{e.f.root, e.name, kindLstat}, fi, err)
	return fi, err
}

// sorted returns the log's looks in order of root, name and kind, without
// the stats of regular files whose links-not-followed stat says the same.
func (l *Log) sorted() []entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]entry, 0, len(l.entries))
	for k, s := range l.entries {
		if k.kind == kindStat && s.mode.IsRegular() {
			if t, ok := l.entries[key{k.root, k.name, kindLstat}]; ok && t == s {
				continue
			}
		}
		out = append(out, entry{k, s})
	}
	slices.SortFunc(out, func(a, b entry) int {
		return cmpKey(a.key, b.key)
	})
	return out
}

func cmpKey(a, b key) int {
	if c := strings.Compare(a.root, b.root); c != 0 {
		return c
	}
	if c := strings.Compare(a.name, b.name); c != 0 {
		return c
	}
	return int(a.kind) - int(b.kind)
}

// An entry is one look.
type entry struct {
	key
	stat
}
