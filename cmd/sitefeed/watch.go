package main

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/sitefeed/sitefeed/internal/generator"
)

// A built is what one build did, for -watch.
type built struct {
	code int
	// inputs are the folders and files the build read: the posts
	// folders, the static folder, the settings file and the generator's
	// configuration; nil when the settings could not be read.
	inputs []string
	// skip are the folders below the inputs that are not inputs: the
	// output folder and the cache.
	skip []string
	// read are the files and folders the build looked at, found or not,
	// wherever they are: the images of posts outside their folders, for
	// one (nil without the cache, which watch always has).
	read               []string
	written, unchanged int
}

// inputsOf lists what a build of j read (see built).
func (j *job) inputsOf(configName string, g *generator.Site) []string {
	paths := []string{j.src, j.static, configName}
	if g != nil {
		paths = append(paths, g.ConfigFile)
	}
	for _, d := range j.more {
		paths = append(paths, d.path)
	}
	var in []string
	for _, p := range paths {
		if p != "" && !slices.Contains(in, p) {
			in = append(in, p)
		}
	}
	return in
}

// watchOptions are the knobs of watch, for tests.
type watchOptions struct {
	interval time.Duration   // between two looks at the inputs; 0 means 300 ms
	stop     <-chan struct{} // closed to end the watch; nil means on an interrupt
	rebuilt  chan<- built    // when not nil, receives each rebuild
}

// watch builds, then rebuilds each time the inputs change, printing one
// line per rebuild, until it is interrupted. Without -cache, the cache
// lives in a temporary folder for the watch's length. A rebuild that fails
// prints its errors and the watch goes on; settings that cannot be read
// at the start end it.
func watch(c *cmdline, stdout, stderr io.Writer, o watchOptions) int {
	if o.interval <= 0 {
		o.interval = 300 * time.Millisecond
	}
	if o.stop == nil {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		defer signal.Stop(sig)
		stop := make(chan struct{})
		go func() { <-sig; close(stop) }()
		o.stop = stop
	}
	if c.cache == "" {
		dir, err := os.MkdirTemp("", "sitefeed-watch-")
		if err != nil {
			return fail(stderr, fmt.Errorf("-watch: a folder for the cache: %v", err))
		}
		defer os.RemoveAll(dir)
		c.cache = dir
	}
	began := time.Now()
	b := build(c, stdout, stderr)
	if b.inputs == nil {
		return b.code
	}
	c.quiet = true // a rebuild prints one line
	inputs, skip, read := b.inputs, b.skip, b.read
	// What the watch compares with is looked at before it says it is
	// watching, and a file changed while the first build ran makes the
	// first look rebuild.
	last, cost := lookAt(inputs, skip, read)
	if last.changedAfter(began) {
		last = tree{}
	}
	fmt.Fprintf(stdout, "watching %s (Ctrl-C to stop)\n", strings.Join(b.inputs, ", "))
	wait := func() bool { // false when the watch is to end
		select {
		case <-o.stop:
			return false
		case <-time.After(max(o.interval, 10*cost)): // looking costs a tenth of the time at most
			return true
		}
	}
	for wait() {
		now, d := lookAt(inputs, skip, read)
		cost = d
		if maps.Equal(now, last) {
			continue
		}
		// Wait for the files to hold still: an editor may write in steps.
		for {
			if !wait() {
				return 0
			}
			again, _ := lookAt(inputs, skip, read)
			if maps.Equal(again, now) {
				break
			}
			now = again
		}
		changes := now.changes(last)
		start := time.Now()
		b := build(c, stdout, stderr)
		took := time.Since(start).Round(time.Millisecond)
		if b.inputs != nil {
			inputs, skip = b.inputs, b.skip
			if b.read != nil { // a build that failed early read less than the last one
				read = b.read
			}
			now, _ = lookAt(inputs, skip, read) // the settings may name other folders
		}
		last = now
		what := plural(changes, "file changed", "files changed")
		if b.code == 0 {
			fmt.Fprintf(stdout, "%s  rebuilt in %v (%s): %d files written, %d unchanged\n", start.Format("15:04:05"), took, what, b.written, b.unchanged)
		} else {
			fmt.Fprintf(stdout, "%s  build failed, exit status %d (%s); nothing written, still watching\n", start.Format("15:04:05"), b.code, what)
		}
		if o.rebuilt != nil {
			o.rebuilt <- b
		}
	}
	return 0
}

// A stamp is what a look at a file sees of it.
type stamp struct {
	size  int64
	mtime int64 // in nanoseconds
	mode  fs.FileMode
}

// A tree maps the files of the inputs to their stamps.
type tree map[string]stamp

// changedAfter reports whether a file of t was modified after time at.
func (t tree) changedAfter(at time.Time) bool {
	for _, st := range t {
		if st.mtime > at.UnixNano() {
			return true
		}
	}
	return false
}

// changes counts the files added, removed or changed from old to t.
func (t tree) changes(old tree) int {
	n := 0
	for k, v := range t {
		if w, ok := old[k]; !ok || w != v {
			n++
		}
	}
	for k := range old {
		if _, ok := t[k]; !ok {
			n++
		}
	}
	return n
}

// lookAt looks at every file of the inputs but those in the folders skip,
// and at each file of read outside them, and says how long it took.
func lookAt(inputs, skip, read []string) (tree, time.Duration) {
	start := time.Now()
	var skipped []fs.FileInfo // the folders of skip that exist, stat'ed once
	for _, s := range skip {
		if fi, err := os.Stat(s); err == nil {
			skipped = append(skipped, fi)
		}
	}
	t := tree{}
	for _, in := range inputs {
		filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t[p] = stamp{size: -1} // gone or unreadable: a change when it comes back
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != in && slices.ContainsFunc(skipped, func(s fs.FileInfo) bool { return os.SameFile(s, info) }) {
					return filepath.SkipDir
				}
				return nil
			}
			t[p] = stamp{info.Size(), info.ModTime().UnixNano(), info.Mode()}
			return nil
		})
	}
	var skipAbs []string
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipAbs = append(skipAbs, a+string(filepath.Separator))
		}
	}
	for _, p := range read {
		if a, err := filepath.Abs(p); err != nil || slices.ContainsFunc(skipAbs, func(s string) bool { return strings.HasPrefix(a, s) }) {
			continue
		}
		if _, ok := t[p]; ok {
			continue
		}
		if info, err := os.Stat(p); err == nil {
			t[p] = stamp{info.Size(), info.ModTime().UnixNano(), info.Mode()}
		} else {
			t[p] = stamp{size: -1}
		}
	}
	return t, time.Since(start)
}
