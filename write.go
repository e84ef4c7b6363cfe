package sitefeed

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"github.com/sitefeed/sitefeed/internal/atomicdir"
)

// ManifestName is the file in which WriteDir records what it wrote, with
// the size and SHA-256 of each file, so that a later WriteDir removes the
// feeds of tags that are gone and nothing else, and replaces no file it
// did not write.
const ManifestName = atomicdir.ManifestName

// ErrLocked is the error of WriteDirWith, with WriteOptions.NoWait, when
// another write into the folder is under way.
var ErrLocked = atomicdir.ErrLocked

// ErrEmpty is the error of WriteDirWith, with WriteOptions.RefuseEmpty,
// for a set with no posts when the previous write into the folder had
// some.
var ErrEmpty = errors.New("no posts, where the feeds in the folder hold some")

// An OverwriteError is the error of WriteDir when a file of the set would
// replace a file that sitefeed did not write: one that exists and that the
// folder's manifest (ManifestName) does not list. Nothing is written then.
type OverwriteError struct {
	Path string // slash-separated, relative to the folder
}

func (e *OverwriteError) Error() string {
	return (&atomicdir.NotOursError{Name: e.Path}).Error()
}

// WriteOptions tune WriteDirWith. The zero value is what WriteDir does.
type WriteOptions struct {
	// NoWait makes the write fail at once with ErrLocked when another
	// write into the folder is under way, instead of waiting for it to end.
	NoWait bool
	// RefuseEmpty makes the write fail with ErrEmpty, writing nothing,
	// when the set has no posts and the previous write into the folder had
	// some: an empty source folder does not empty a built site.
	RefuseEmpty bool
	// Warn, when set, is told of what the write left alone, and why: stale
	// files that changed since sitefeed wrote them, a manifest that could
	// not be read.
	Warn func(error)
}

// Written is one file WriteDir wrote.
type Written struct {
	File
	Size int64 // bytes
	// Unchanged reports that the file already held exactly these bytes
	// and was left as it was, with its modification time.
	Unchanged bool
}

// WriteTo writes the file's document, or its media file, to w. It
// implements io.WriterTo.
func (f File) WriteTo(w io.Writer) (int64, error) {
	if f.Media != nil {
		return f.Media.WriteTo(w)
	}
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

// WriteFiles writes every document of the set (Files), then every media
// file (Set.Media, as a File with Media set), to the writer that create
// returns for it, and closes that writer. The files beside the feeds,
// which the feeds link to, are the set's Extras. It reads (with
// LoadOptions.Lazy), renders and encodes each post once per format, as
// WriteDir does, however many documents hold it, where calling
// File.WriteTo for each file would do so once per document.
//
// The documents are written in parallel, up to 1024 at a time: create is
// called from one goroutine, but the writers it returns are written and
// closed from several at once, each by one goroutine at a time. Every
// writer is closed once, also when WriteFiles fails, so that it can
// release what it holds; only a nil error says that every document is
// complete.
func (s *Set) WriteFiles(create func(File) (io.WriteCloser, error)) error {
	files := s.Files()
	out := &funcSink{files: files, create: create, writers: make([]io.WriteCloser, len(files))}
	err := s.stream(files, out, 0, nil)
	for _, w := range out.writers { // left open by a failure
		if w != nil {
			w.Close()
		}
	}
	if err != nil {
		return err
	}
	for _, m := range s.Media {
		f := File{Path: m.Path, Media: m}
		w, err := create(f)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		_, err = m.WriteTo(w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
	}
	return nil
}

// A funcSink is the sink WriteFiles streams the documents to.
type funcSink struct {
	files   []File
	create  func(File) (io.WriteCloser, error)
	writers []io.WriteCloser // by document, until closed
}

func (w *funcSink) open(start, end int) ([]io.Writer, error) {
	writers := make([]io.Writer, end-start)
	for i := start; i < end; i++ {
		wc, err := w.create(w.files[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w.files[i].Path, err)
		}
		w.writers[i], writers[i-start] = wc, wc
	}
	return writers, nil
}

func (w *funcSink) close(i int, size int64) error {
	wc := w.writers[i]
	w.writers[i] = nil
	return wc.Close()
}

// WriteDir writes every file of the set under dir, creating dir and the
// folders it needs, and the files beside the feeds (ExtraFiles): the OPML
// subscription list when Paths.OPML names it, the stylesheet of the feeds
// and the index of feeds. Nothing is written outside dir: paths are
// resolved with [os.Root], so neither a tag nor a symbolic link can lead
// elsewhere. It is WriteDirWith with the default WriteOptions.
//
// One write at a time goes into a folder: WriteDir locks it (where the
// system can: not on Windows), and a second write waits for the first to
// end. A file that exists and that the folder's manifest (ManifestName)
// does not list is never replaced: WriteDir then fails with an
// *OverwriteError, before it writes anything.
//
// Each file is replaced atomically and durably: it is first written in
// full to a temporary file beside its final name and synced to the disk;
// only when all of them are written are they renamed into place, and the
// folders that changed are synced. A reader, or a crash, thus finds each
// file old or new, never empty or partial. A build that fails before the
// renames leaves the previous files as they were: WriteDir removes its
// temporary files and the folders it made, dir included. The set as a
// whole is not replaced atomically: while the files are renamed some may
// be new and others old. Before renaming, WriteDir writes a journal
// (.sitefeed-journal); when a crash or a kill interrupts the renames, the
// next WriteDir into the folder first finishes them, so that the folder
// then holds every file of the interrupted write, and removes the
// temporary files killed writes left.
//
// The manifest records every file written, with its size and SHA-256.
// Files it lists that the set no longer has, such as the feeds of a tag no
// post carries any more, are then removed, but only when they still hold
// the bytes recorded: a file changed since is left, with a warning
// (WriteOptions.Warn). A manifest that is not a regular file of at most
// atomicdir's 32 MiB is ignored with a warning, as are the names of an
// older manifest that records no checksums: those files are left in place.
//
// A file that already holds the bytes of its document is left as it was:
// it keeps its modification time, so that a deployment that copies only
// changed files, or a server answering conditional requests, sees that
// the feed did not change. Each document is compared with the file it
// replaces as it is written, and its temporary file is created only where
// they first differ.
//
// With Options.Cache, a document is not even read when its inputs are
// those the previous write recorded in the manifest (the SHA-256 of its
// format, of what comes before and after its items, and of the cache keys
// of its items in order) and its file is still the one that write left.
// The file is trusted without being read, as git trusts its index, when
// a stat gives the size, modification time, change time and inode number
// recorded after it was put in place; a file whose modification time is
// not older than the previous manifest is read and compared with the size
// and SHA-256 recorded. A file edited, replaced or removed since is thus
// written again, or refused, as without the cache.
//
// The media files (Set.Media) are copied in the same way, streamed from
// their sources, and recorded in the manifest with the feeds, so that one
// no post uses any more is removed by the next WriteDir; a source that no
// longer holds the bytes Build read fails the write with ErrChanged.
//
// Each post is encoded once per format, and those bytes are written to the
// site feed and to every tag feed the post is in. The result lists the
// feeds in the order of Files, then the files of ExtraFiles, whose
// Written have no Feed, then the media files, in the order of Set.Media.
// However many tags the set has, the write keeps a bounded number of
// files open, fitted to the process's limit on open files.
func (s *Set) WriteDir(dir string) ([]Written, error) {
	return s.writeDir(dir, writeConfig{})
}

// WriteDirWith is WriteDir with options; a nil *WriteOptions means the
// defaults.
func (s *Set) WriteDirWith(dir string, o *WriteOptions) ([]Written, error) {
	c := writeConfig{}
	if o != nil {
		c.WriteOptions = *o
	}
	return s.writeDir(dir, c)
}

// writeConfig holds what a test varies in one write; the zero value is
// what WriteDir does.
type writeConfig struct {
	WriteOptions
	maxOpenFiles int                     // documents written at once; 0 means what the limit on open files allows
	beforeCreate func(name string) error // called before each file is started
}

func (s *Set) writeDir(dir string, c writeConfig) (written []Written, err error) {
	d, err := atomicdir.Open(dir, &atomicdir.Options{NoWait: c.NoWait, BeforeCreate: c.beforeCreate})
	if err != nil {
		return nil, err
	}
	defer d.Close()
	defer func() {
		if c.Warn != nil {
			for _, w := range d.Warnings() {
				c.Warn(w)
			}
		}
	}()
	fail := func(err error) ([]Written, error) {
		d.Abort()
		var no *atomicdir.NotOursError
		if errors.As(err, &no) {
			return nil, &OverwriteError{Path: no.Name}
		}
		return nil, err
	}
	files := s.Files()
	extras := s.Extras()
	written = make([]Written, len(files), len(files)+len(extras))
	names := make([]string, len(files), len(files)+len(extras))
	seen := map[string]bool{}
	check := func(name string) error {
		if !fs.ValidPath(name) || name == "." {
			return fmt.Errorf("output path %q is not inside the output directory", name)
		}
		if seen[name] {
			return fmt.Errorf("two files would be written to %s", name)
		}
		seen[name] = true
		return nil
	}
	for i, f := range files {
		if err := check(f.Path); err != nil {
			return fail(err)
		}
		written[i].File, names[i] = f, f.Path
	}
	all := names
	for _, e := range extras {
		if err := check(e.Path); err != nil {
			return fail(err)
		}
		all = append(all[:len(all):len(all)], e.Path)
	}
	if c.RefuseEmpty && len(s.Posts) == 0 {
		if n, _ := strconv.Atoi(d.Value("posts")); n > 0 {
			return fail(ErrEmpty)
		}
	}
	for _, m := range s.Media {
		if err := check(m.Path); err != nil {
			return fail(err)
		}
		all = append(all[:len(all):len(all)], m.Path)
	}
	if err := d.Check(all); err != nil {
		return fail(err)
	}
	d.SetValue("posts", strconv.Itoa(len(s.Posts)))
	d.SetList(publishedList, s.publishedPaths())

	maxOpen := c.maxOpenFiles
	if maxOpen <= 0 {
		maxOpen = min(defaultMaxOpenFiles, atomicdir.FilesAtOnce())
	}
	out := &dirSink{d: d}
	keys, itemKeys := s.docKeys(files)
	var todo []File
	for i, f := range files {
		if keys != nil && keys[i].ok {
			if size, kept := d.Keep(f.Path, keys[i].key); kept {
				written[i].Size, written[i].Unchanged = size, true
				continue
			}
		}
		todo = append(todo, f)
		out.docs = append(out.docs, i)
		out.names = append(out.names, f.Path)
	}
	s.byNewestPost(todo, out.docs, out.names)
	out.keys, out.written, out.files = keys, written, make([]*atomicdir.File, len(todo))
	err = s.stream(todo, out, maxOpen, itemKeys)
	for _, e := range extras {
		if err != nil {
			break
		}
		var w Written
		w, err = writeExtraFile(d, e, keys != nil)
		written = append(written, w)
	}
	if err == nil {
		var ws []Written
		ws, err = s.writeMedia(d, keys != nil)
		written = append(written, ws...)
	}
	if err == nil {
		err = d.Commit()
	}
	if err != nil {
		return fail(atomicdir.Summarize(err))
	}
	if err := d.UpdateManifest(); err != nil {
		return written, err
	}
	return written, nil
}

// publishedList is the list, in the manifest, of the Paths of the posts a
// write published.
const publishedList = "post"

// publishedPaths returns the Path of each post of the set that has one.
func (s *Set) publishedPaths() []string {
	paths := make([]string, 0, len(s.Posts))
	for _, p := range s.Posts {
		if p.Path != "" {
			paths = append(paths, p.Path)
		}
	}
	return paths
}

// ReadPublished returns the Path of every post that the last WriteDir
// into dir published, as its manifest (ManifestName) records them, for
// Options.Published:
//
//	published, err := sitefeed.ReadPublished(dir)
//	opts.Published = func(p *sitefeed.Post) bool { return published[p.Path] }
//
// A folder without a manifest, or with one written before sitefeed
// recorded its posts, gives none and no error. A manifest that cannot be
// trusted (not a regular file, larger than 32 MiB, of an
// unknown format) gives none and an error, which a caller may report as a
// warning and go on without; a line that does not read is left out.
func ReadPublished(dir string) (map[string]bool, error) {
	paths, err := atomicdir.ReadList(dir, publishedList)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, ManifestName), err)
	}
	published := make(map[string]bool, len(paths))
	for _, p := range paths {
		published[p] = true
	}
	return published, nil
}

// writeExtraFile writes a file beside the feeds through d; with record, a
// build with the cache, its stat is recorded (see atomicdir.File.Record).
func writeExtraFile(d *atomicdir.Dir, e Extra, record bool) (Written, error) {
	w := Written{File: File{Path: e.Path}}
	f, err := d.Create([]string{w.Path})
	if err != nil {
		return w, err
	}
	bw := bufio.NewWriter(f[0])
	n, err := e.WriteTo(bw)
	if err != nil {
		return w, err
	}
	if err := bw.Flush(); err != nil {
		return w, err
	}
	if err := f[0].Close(); err != nil {
		return w, err
	}
	if record {
		f[0].Record()
	}
	w.Size, w.Unchanged = n, f[0].Unchanged()
	return w, nil
}

// mediaBatch is how many media files writeMedia starts at once: each holds
// the file it replaces open while they are compared.
const mediaBatch = 64

// writeMedia copies the media files through d; with record, a build with
// the cache, their stats are recorded (see atomicdir.File.Record).
func (s *Set) writeMedia(d *atomicdir.Dir, record bool) ([]Written, error) {
	var out []Written
	for start := 0; start < len(s.Media); start += mediaBatch {
		batch := s.Media[start:min(start+mediaBatch, len(s.Media))]
		names := make([]string, len(batch))
		for i, m := range batch {
			names[i] = m.Path
		}
		files, err := d.Create(names)
		if err != nil {
			return nil, err
		}
		for i, m := range batch {
			n, err := m.WriteTo(files[i])
			if cerr := files[i].Close(); err == nil {
				err = cerr
			}
			if err != nil {
				for _, f := range files[i+1:] {
					f.Close()
				}
				return nil, fmt.Errorf("%s: %w", m.Path, err)
			}
			if record {
				files[i].Record()
			}
			out = append(out, Written{File: File{Path: m.Path, Media: m}, Size: n, Unchanged: files[i].Unchanged()})
		}
	}
	return out, nil
}

// byNewestPost sorts files, and docs and names with them, by the newest
// post of their documents, newest first. A set with more documents than
// can be open at once is written in passes, each rendering the posts of
// its documents: in this order a feed's archive pages, which hold posts
// near each other in time, share their passes with the pages of the other
// feeds that hold the same posts, and a post is rendered in one pass or
// two rather than in every pass (as many as the documents over the files
// open at once, in the order of Files).
func (s *Set) byNewestPost(files []File, docs []int, names []string) {
	at := make(map[*Post]int, len(s.Posts))
	for i, p := range s.Posts {
		at[p] = i
	}
	newest := func(f File) int {
		if len(f.Feed.Items) == 0 {
			return -1
		}
		if i, ok := at[f.Feed.Items[0]]; ok {
			return i
		}
		return len(s.Posts) // a post a program added after Build
	}
	order := make([]int, len(files))
	keys := make([]int, len(files))
	for i, f := range files {
		order[i], keys[i] = i, newest(f)
	}
	sort.SliceStable(order, func(a, b int) bool { return keys[order[a]] < keys[order[b]] })
	f2, d2, n2 := slices.Clone(files), slices.Clone(docs), slices.Clone(names)
	for i, j := range order {
		files[i], docs[i], names[i] = f2[j], d2[j], n2[j]
	}
}

// A dirSink is the sink WriteDir streams the documents to.
type dirSink struct {
	d       *atomicdir.Dir
	names   []string          // of the documents streamed
	docs    []int             // of the documents streamed, their index in Files
	files   []*atomicdir.File // by document streamed, while written
	written []Written         // by index in Files
	keys    []docKey          // by index in Files; nil without a cache
}

// open starts the documents of files[start:end] (a sink method).
func (w *dirSink) open(start, end int) ([]io.Writer, error) {
	files, err := w.d.Create(w.names[start:end])
	if err != nil {
		return nil, err
	}
	writers := make([]io.Writer, len(files))
	for j, f := range files {
		w.files[start+j], writers[j] = f, f
	}
	return writers, nil
}

// close ends the document of files[i] (a sink method).
func (w *dirSink) close(i int, size int64) error {
	f, doc := w.files[i], w.docs[i]
	w.files[i] = nil
	w.written[doc].Size = size
	err := f.Close()
	w.written[doc].Unchanged = f.Unchanged()
	if err == nil && w.keys != nil && w.keys[doc].ok {
		w.d.SetInput(w.names[i], w.keys[doc].key)
	}
	return err
}
