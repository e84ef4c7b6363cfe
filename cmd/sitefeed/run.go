package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/sitefeed/sitefeed"
	"github.com/sitefeed/sitefeed/internal/readlog"

	_ "time/tzdata" // -tz works where the system has no zone database
)

// opmlName is the subscription list written beside the feeds.
const opmlName = "feeds.opml"

// run is the command: it parses args, builds the feeds and returns the exit
// status.
func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		io.WriteString(stdout, usageText)
		return 0
	}
	if err != nil {
		return fail(stderr, err)
	}
	if c.version {
		fmt.Fprintln(stdout, "sitefeed", version())
		return 0
	}

	if c.watch {
		return watch(c, stdout, stderr, watchOptions{})
	}
	return build(c, stdout, stderr).code
}

// build runs one build of the command line c.
func build(c *cmdline, stdout, stderr io.Writer) built {
	s := defaultSettings()
	configName, warning := c.config, ""
	switch configName {
	case "none":
		configName = ""
	case "":
		configName, warning = findConfig(c.src)
	}
	if warning != "" {
		fmt.Fprintln(stderr, "warning:", warning)
	}
	g, err := detect(c, configName)
	if err != nil {
		return built{code: fail(stderr, err)}
	}
	if g != nil {
		s.applyDetected(g, c)
		printDetected(g, c.quiet, stdout, stderr)
	}
	if configName != "" {
		m, err := readConfig(configName)
		if err != nil {
			return built{code: fail(stderr, usageError(err.Error()))}
		}
		if err := s.applyConfig(configName, m); err != nil {
			return built{code: fail(stderr, err)}
		}
	}
	if err := s.applyFlags(c); err != nil {
		return built{code: fail(stderr, err)}
	}
	j, err := s.resolve(time.Now(), !c.printLinks)
	if err != nil {
		return built{code: fail(stderr, err)}
	}
	if c.printLinks {
		return built{code: j.printLinks(stdout, stderr)}
	}
	j.cache = c.cache
	r := &report{config: configName, check: c.check, skipInvalid: c.skipInvalid, wait: c.wait, allowEmpty: c.allowEmpty}
	code := j.run(r, stderr)
	if code == 0 && !c.quiet {
		r.print(stdout, j)
	}
	b := built{code: code, inputs: j.inputsOf(configName, g), skip: []string{j.out, j.cache}}
	if b.read = j.read; j.log != nil {
		b.read = j.log.Files()
	}
	b.unchanged = r.unchanged
	for _, n := range r.files {
		b.written += n
	}
	b.written -= r.unchanged
	return b
}

// fail prints err and returns its exit status: 2 for a usage error, 1
// otherwise.
func fail(stderr io.Writer, err error) int {
	var u usageError
	if errors.As(err, &u) {
		for _, line := range bytes.Split([]byte(err.Error()), []byte("\n")) {
			fmt.Fprintf(stderr, "sitefeed: %s\n", line)
		}
		fmt.Fprintln(stderr, "Run 'sitefeed -h' for help.")
		return 2
	}
	fmt.Fprintf(stderr, "sitefeed: %v\n", err)
	return 1
}

// printLinks prints the autodiscovery tags of the site feeds. It reads no
// posts: the feeds' URLs depend only on the settings.
func (j *job) printLinks(stdout, stderr io.Writer) int {
	set, err := sitefeed.Build(j.site, nil, &j.opts)
	if err != nil {
		return fail(stderr, usageError(err.Error()))
	}
	io.WriteString(stdout, set.All.AlternateLinks())
	return 0
}

// run loads the posts, builds the feeds and writes them, filling r.
func (j *job) run(r *report, stderr io.Writer) int {
	start := time.Now()
	defer func() {
		for _, r := range j.roots {
			r.Close()
		}
	}()
	// A build with a cache is spared when nothing it would read or write
	// changed since the last one; otherwise it records what it reads.
	warn := stderr // the warnings of the posts, which a stamp keeps
	var warned strings.Builder
	if !r.check && j.cache != "" && j.cache != "none" {
		if j.spare(r, stderr) {
			return 0
		}
		exe, err := os.Executable()
		if err == nil {
			err = j.removeStamp()
		}
		if err != nil {
			fmt.Fprintf(stderr, "warning: cache %s: %v; the next build is not spared\n", j.cache, err)
		} else {
			j.log = readlog.New(start, stampWindow)
			j.log.File(exe)
			warn = io.MultiWriter(stderr, &warned)
		}
	}
	// The cache serves the loading of the posts as well as the writing of
	// their items.
	var cache *sitefeed.Cache
	if !r.check && j.cache != "" && j.cache != "none" {
		c, warning, err := sitefeed.OpenCache(j.cache)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "warning: cache %s not used: %v\n", j.cache, err)
		case warning != "":
			fmt.Fprintln(stderr, "warning:", warning)
		}
		cache, j.load.Cache = c, c
	}
	posts, bad, err := j.loadPosts(warn) // bad: the bad posts, of LoadDir then of Build
	if err != nil {
		return fail(stderr, err)
	}
	seen := make(map[string]int, len(posts)) // warnings printed, by post
	for _, p := range posts {
		for _, w := range p.Warnings {
			fmt.Fprintln(warn, "warning:", w)
		}
		seen[p.Path] = len(p.Warnings)
		// The feeds do not use Params; on a large site, keeping them would
		// be a quarter of what the garbage collector marks while writing.
		p.Params = nil
	}
	r.read = len(posts) + len(bad)

	opts := j.opts
	opts.SkipInvalid = true // every bad post is collected, then the mode decides
	opts.Paths.OPML = opmlName
	if j.static != "" {
		staticRoot, err := os.OpenRoot(j.static)
		if err != nil {
			return fail(stderr, fmt.Errorf("cannot open the static folder: %v", err))
		}
		defer staticRoot.Close()
		opts.Static = j.logged(j.static, staticRoot.FS())
	}
	opts.Cache = cache
	if j.gen != nil {
		// The files posts refer to are looked up in the site's folder, the
		// working directory, where the posts' paths are: Astro's
		// src/content/blog/a.md may show ../../assets/x.jpg. Nothing
		// outside it is read. Without a generator, the source folders are
		// the bounds.
		siteRoot, err := os.OpenRoot(".")
		if err != nil {
			return fail(stderr, fmt.Errorf("cannot open the working directory: %v", err))
		}
		defer siteRoot.Close()
		opts.Source = j.logged(".", siteRoot.FS())
	}
	// Of two posts with one URL or ID, the one the last build published
	// stays; a record that cannot be trusted is none.
	published, err := sitefeed.ReadPublished(j.out)
	if err != nil {
		fmt.Fprintf(stderr, "warning: %v; of two posts with the same URL or ID, the older is kept\n", err)
	}
	opts.Published = func(p *sitefeed.Post) bool { return published[p.Path] }
	set, err := sitefeed.Build(j.site, posts, &opts)
	if err != nil {
		return fail(stderr, usageError(err.Error()))
	}
	for _, p := range set.Posts { // what Build found, such as links to no post
		for _, w := range p.Warnings[min(seen[p.Path], len(p.Warnings)):] {
			fmt.Fprintln(warn, "warning:", w)
		}
	}
	for _, w := range set.Warnings {
		var pe *sitefeed.PostError
		if !errors.As(w, &pe) {
			return fail(stderr, w)
		}
		bad = append(bad, pe)
	}
	bad.Sort()
	r.set, r.invalid = set, len(bad)

	if len(bad) > 0 && !r.skipInvalid {
		for _, e := range bad {
			fmt.Fprintln(stderr, e)
		}
		what := "a post has an error"
		if len(bad) > 1 {
			what = fmt.Sprintf("%d posts have errors", len(bad))
		}
		fmt.Fprintf(stderr, "sitefeed: %s; nothing was written (fix them, or use -skip-invalid to publish the others)\n", what)
		return 1
	}
	for _, e := range bad {
		fmt.Fprintf(warn, "warning: %v (left out)\n", e)
	}
	if r.read == 0 {
		fmt.Fprintf(warn, "warning: no posts (*.md, *.markdown) in %s\n", j.src)
	}

	if r.check {
		if err := r.checkAll(set); err != nil {
			return fail(stderr, err)
		}
		r.summarize()
		return 0
	}
	if err := j.checkTargets(set, j.out); err != nil {
		return fail(stderr, err)
	}
	if err := r.writeAll(set, j.out, stderr); err != nil {
		return fail(stderr, err)
	}
	r.summarize()
	if cache != nil {
		r.cacheDir, r.cache = j.cache, cache.Stats()
	}
	// Only after a build that succeeded: Close removes the entries it did
	// not use.
	if warning, err := cache.Close(); err != nil {
		fmt.Fprintf(stderr, "warning: cache %s: %v\n", j.cache, err)
	} else if warning != "" {
		fmt.Fprintln(stderr, "warning:", warning)
	}
	if j.log != nil && cache != nil {
		if err := j.writeStamp(r, j.log, set, warned.String()); err != nil {
			fmt.Fprintf(stderr, "warning: cache %s: %v; the next build is not spared\n", j.cache, err)
		}
	}
	return 0
}

// logged returns fsys, opened at the folder dir, recording what the build
// reads through it when the build keeps a stamp.
func (j *job) logged(dir string, fsys fs.FS) fs.FS {
	if j.log == nil {
		return fsys
	}
	return j.log.FS(dir, fsys)
}

// explainLink replaces the error of a post that could not be opened because
// it is a symbolic link with its true cause: a link to a file that does not
// exist, a loop of links, or a link leading outside the source folder dir
// (which os.Root refuses). To tell them apart the link is followed by the
// operating system, for its metadata only: the post is not read.
func explainLink(root *os.Root, dir string, e *sitefeed.PostError) {
	var pe *fs.PathError
	if e.Line != 0 || !errors.As(e.Err, &pe) {
		return
	}
	name := filepath.FromSlash(e.Path)
	st, err := root.Lstat(name)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return
	}
	_, err = os.Stat(filepath.Join(dir, name))
	switch {
	case errors.Is(err, syscall.ELOOP):
		e.Err = errors.New("symbolic link in a loop of links; not read")
	case errors.Is(err, fs.ErrNotExist) || errors.Is(e.Err, fs.ErrNotExist):
		e.Err = errors.New("symbolic link to a file that does not exist; not read")
	case err == nil && !inside(dir, filepath.Join(dir, name)):
		e.Err = errors.New("symbolic link leading outside the source folder; not read")
	}
}

// inside reports whether the file name, its links followed, is in the
// folder dir, its links followed.
func inside(dir, name string) bool {
	d, err1 := filepath.EvalSymlinks(dir)
	f, err2 := filepath.EvalSymlinks(name)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(d, f)
	return err == nil && filepath.IsLocal(rel)
}

// writeAll writes the feeds and feeds.opml into dir, each replaced
// atomically by WriteDirWith, which leaves a file that already holds its
// bytes as it was, and refuses to replace a file sitefeed did not write.
func (r *report) writeAll(set *sitefeed.Set, dir string, stderr io.Writer) error {
	written, err := set.WriteDirWith(dir, &sitefeed.WriteOptions{
		NoWait:      !r.wait,
		RefuseEmpty: !r.allowEmpty,
		Warn:        func(err error) { fmt.Fprintln(stderr, "warning:", err) },
	})
	var oe *sitefeed.OverwriteError
	switch {
	case errors.As(err, &oe):
		return fmt.Errorf("refusing to overwrite %s: sitefeed did not write it (%s does not list it); choose another -out, or remove the file", filepath.Join(dir, filepath.FromSlash(oe.Path)), sitefeed.ManifestName)
	case errors.Is(err, sitefeed.ErrLocked):
		return fmt.Errorf("another sitefeed build is writing into %s; nothing was written (run again when it ends, or use -wait to wait for it)", dir)
	case errors.Is(err, sitefeed.ErrEmpty):
		return fmt.Errorf("no posts to publish, but the feeds in %s hold posts; nothing was written (use -allow-empty to publish empty feeds)", dir)
	case written == nil:
		// WriteDir's error says so when some files were replaced.
		return fmt.Errorf("writing the feeds into %s: %v", dir, err)
	case err != nil: // the feeds are in place; the manifest is not
		return fmt.Errorf("recording the feeds written in %s: %v (the next build may leave stale tag feeds behind)", filepath.Join(dir, sitefeed.ManifestName), err)
	}
	for _, w := range written {
		if w.Media != nil {
			if w.Unchanged {
				r.mediaSame++
			}
			continue
		}
		if w.Feed == nil { // the OPML list
			r.opmlSize, r.opmlSame = w.Size, w.Unchanged
			continue
		}
		r.add(w.Format, w.Size)
		if w.Unchanged {
			r.unchanged++
		}
	}
	r.out = dir
	return nil
}
