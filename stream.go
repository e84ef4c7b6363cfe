package sitefeed

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
)

// defaultMaxOpenFiles bounds the documents written at once; a set with
// more is written in several passes over its posts.
const defaultMaxOpenFiles = 1024

// closeWorkers is how many documents are ended at once: more than the
// CPUs, as ending a document written to a file syncs the file, which waits
// for the disk.
const closeWorkers = 16

// encodeChunk is how many posts are rendered and encoded in parallel before
// their items are copied out.
const encodeChunk = 256

// A sink receives the documents stream writes: open(start, end) starts the
// documents of files[start:end] and returns their writers; close(i, size)
// ends the document of files[i] after size bytes, and may be called for
// several documents at once.
type sink interface {
	open(start, end int) ([]io.Writer, error)
	close(i int, size int64) error
}

// A streamer writes documents of a Set, reading (with LoadOptions.Lazy),
// rendering and encoding each post once per format however many of the
// documents hold it.
type streamer struct {
	set    *Set
	files  []File
	feedOf map[*Feed]int // index into Set.documents()
	out    sink
	keys   map[*Post][32]byte // cache keys of the posts, when computed already
	// largest[j] is the number of posts of the largest document of
	// posts[j], with a cache.
	largest []int
	site    []byte // the site's key (siteJSON), with a cache
	items

	// Reused from one pass to the next.
	chunks [2]encodedChunk
	bufs   []*bufio.Writer

	// passNo is the pass being written, from 0; lastPass[j] the last pass
	// that needs posts[j].
	passNo   int
	lastPass []int32
	// kept[j] holds the items of posts[j] encoded in an earlier pass, in
	// every format of the set, while a later pass needs them; keptBytes
	// is their size, at most memoBudget.
	kept      []*[numFormats][]byte
	keptBytes atomic.Int64
}

// memoBudget bounds the items kept in memory from one pass to the next,
// which spare rendering a post again.
const memoBudget = 32 << 20

// An encodedChunk is the items of encodeChunk posts, in each format.
type encodedChunk struct {
	items [][numFormats]bytes.Buffer
	errs  []error
}

const numFormats = int(JSON-RSS) + 1

// An openDoc is one document being written.
type openDoc struct {
	format Format
	buf    *bufio.Writer
	tail   []byte // what follows the items
	items  int
	size   int64
}

func (o *openDoc) write(p []byte) {
	n, _ := o.buf.Write(p) // a failed write shows again at Flush
	o.size += int64(n)
}

// stream writes files (documents of s) to out, in passes of at most
// maxOpen documents (0 means defaultMaxOpenFiles). Every document is
// complete and its buffer flushed before out.close is called for it.
//
// keys, when not nil, holds the cache keys of the posts (see docKeys).
func (s *Set) stream(files []File, out sink, maxOpen int, keys map[*Post][32]byte) error {
	if maxOpen <= 0 {
		maxOpen = defaultMaxOpenFiles
	}
	feeds := s.documents()
	st := &streamer{set: s, files: files, out: out, feedOf: make(map[*Feed]int, len(feeds)), keys: keys}
	if s.cache != nil {
		st.site = siteJSON(&s.Site)
	}
	for k, f := range feeds {
		st.feedOf[f] = k
	}
	for _, f := range files {
		if _, ok := st.feedOf[f.Feed]; !ok {
			return fmt.Errorf("%s: the feed is not one of the set's", f.Path)
		}
		if f.Format < RSS || f.Format > JSON {
			return fmt.Errorf("%s: unknown feed format %d", f.Path, int(f.Format))
		}
	}
	st.items = itemsOf(s.Posts, feeds)
	if s.cache != nil {
		// The largest document of each post, which decides whether the
		// cache keeps its items.
		st.largest = make([]int, len(st.posts))
		for j := range st.posts {
			for _, k := range st.member[j] {
				st.largest[j] = max(st.largest[j], len(feeds[k].Items))
			}
		}
	}
	if len(files) > maxOpen {
		st.planPasses(maxOpen)
	}
	for start := 0; start < len(files); start += maxOpen {
		if err := st.pass(start, min(start+maxOpen, len(files))); err != nil {
			return err
		}
		st.passNo++
	}
	return nil
}

// planPasses finds the last pass that needs each post, for the items kept
// from one pass to the next.
func (st *streamer) planPasses(maxOpen int) {
	lastOfFeed := make([]int32, len(st.feedOf))
	for i, f := range st.files {
		lastOfFeed[st.feedOf[f.Feed]] = int32(i / maxOpen)
	}
	st.lastPass = make([]int32, len(st.posts))
	for j := range st.posts {
		for _, k := range st.member[j] {
			st.lastPass[j] = max(st.lastPass[j], lastOfFeed[k])
		}
	}
	st.kept = make([]*[numFormats][]byte, len(st.posts))
}

// keep keeps the items of posts[j], encoded in every format, when a later
// pass needs them and the budget allows.
func (st *streamer) keep(j int, items *[numFormats]bytes.Buffer) {
	if st.lastPass == nil || int(st.lastPass[j]) <= st.passNo {
		return
	}
	var kept [numFormats][]byte
	n := 0
	for _, f := range st.set.Formats {
		n += items[f-RSS].Len()
	}
	if st.keptBytes.Add(int64(n)) > memoBudget {
		st.keptBytes.Add(-int64(n))
		return
	}
	for _, f := range st.set.Formats {
		kept[f-RSS] = bytes.Clone(items[f-RSS].Bytes())
	}
	st.kept[j] = &kept
}

// takeKept copies the kept items of posts[j] into items, and lets them go
// after the last pass that needs them. It reports whether there were any.
func (st *streamer) takeKept(j int, items *[numFormats]bytes.Buffer) bool {
	if st.kept == nil || st.kept[j] == nil {
		return false
	}
	kept := st.kept[j]
	for f, b := range kept {
		items[f].Reset()
		items[f].Write(b)
	}
	if int(st.lastPass[j]) <= st.passNo {
		st.kept[j] = nil
		n := 0
		for _, b := range kept {
			n += len(b)
		}
		st.keptBytes.Add(-int64(n))
	}
	return true
}

// pass writes files[start:end].
func (st *streamer) pass(start, end int) error {
	s := st.set
	docs := make([]openDoc, end-start)
	// slots[k] lists the documents of this pass (index into docs) that
	// are of feed k.
	slots := make([][]int, len(st.feedOf))
	for i := start; i < end; i++ {
		k := st.feedOf[st.files[i].Feed]
		slots[k] = append(slots[k], i-start)
		docs[i-start].format = st.files[i].Format
	}

	// Render and encode each post once, in parallel chunks, and copy its
	// items into every document of this pass that holds it. The documents
	// are shared out among writers that copy in parallel, each document by
	// one writer in post order. While one chunk is copied, the next is
	// encoded, and the first is encoded while the files are opened.
	chunks := &st.chunks
	for i := range chunks {
		if chunks[i].items == nil {
			chunks[i] = encodedChunk{make([][numFormats]bytes.Buffer, encodeChunk), make([]error, encodeChunk)}
		}
	}
	posts, member := st.posts, st.member
	encode := func(c *encodedChunk, lo int) {
		hi := min(lo+encodeChunk, len(posts))
		parallel(hi-lo, 0, func(j int) {
			c.errs[j] = nil
			var need [numFormats]bool
			any := false
			for _, k := range member[lo+j] {
				for _, d := range slots[k] {
					need[docs[d].format-RSS], any = true, true
				}
			}
			if !any {
				return
			}
			if st.takeKept(lo+j, &c.items[j]) {
				return
			}
			if st.lastPass != nil && int(st.lastPass[lo+j]) > st.passNo {
				// Encode every format, so that the items kept serve any pass.
				for _, f := range s.Formats {
					need[f-RSS] = true
				}
			}
			var key [32]byte
			cached := s.cache != nil && s.cache.keepsItems(st.largest[lo+j])
			if cached {
				var known bool
				if key, known = st.keys[posts[lo+j]]; !known {
					key, cached = s.cache.itemKey(st.site, posts[lo+j])
				}
			}
			if cached {
				if s.cache.fill(key, need, &c.items[j]) {
					st.keep(lo+j, &c.items[j])
					return
				}
				// Encode every format, so that the entry serves any pass.
				for _, f := range s.Formats {
					need[f-RSS] = true
				}
			}
			p, err := withContent(posts[lo+j])
			if err != nil {
				c.errs[j] = err
				return
			}
			for f, ok := range need {
				if ok {
					buf := &c.items[j][f]
					buf.Reset()
					if err := encodeItem(buf, RSS+Format(f), &s.Site, p); err != nil {
						c.errs[j] = err
						return
					}
				}
			}
			if cached {
				c.errs[j] = s.cache.store(key, need, &c.items[j])
			}
			st.keep(lo+j, &c.items[j])
		})
	}
	var first sync.WaitGroup
	if len(posts) > 0 {
		first.Go(func() { encode(&chunks[0], 0) })
	}
	outs, err := st.out.open(start, end)
	if err != nil {
		first.Wait()
		return err
	}
	for len(st.bufs) < end-start {
		st.bufs = append(st.bufs, bufio.NewWriterSize(nil, 32<<10))
	}
	errs := make([]error, end-start)
	parallel(end-start, 0, func(d int) {
		f := st.files[start+d]
		bw := st.bufs[d]
		bw.Reset(outs[d])
		head, tail, err := f.Feed.frame(f.Format)
		docs[d].buf, docs[d].tail = bw, tail
		errs[d] = err
		docs[d].write(head)
	})
	first.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	owner, writers := shareDocs(st.files[start:end], maxProcs())
	for n, lo := 0, 0; lo < len(posts); n, lo = n+1, lo+encodeChunk {
		hi := min(lo+encodeChunk, len(posts))
		cur := &chunks[n%2]
		for j := 0; j < hi-lo; j++ {
			if cur.errs[j] != nil {
				return cur.errs[j]
			}
		}
		var next sync.WaitGroup
		if hi < len(posts) {
			next.Go(func() { encode(&chunks[(n+1)%2], hi) })
		}
		parallel(writers, writers, func(wr int) {
			for j := 0; j < hi-lo; j++ {
				for _, k := range member[lo+j] {
					for _, d := range slots[k] {
						if owner[d] != wr {
							continue
						}
						o := &docs[d]
						o.write(itemSep(o.format, o.items))
						o.write(cur.items[j][o.format-RSS].Bytes())
						o.items++
					}
				}
			}
		})
		next.Wait()
	}

	parallel(len(docs), max(maxProcs(), closeWorkers), func(d int) {
		o := &docs[d]
		o.write(tailFor(o.format, o.items, o.tail))
		err := o.buf.Flush()
		o.buf.Reset(nil)
		if cerr := st.out.close(start+d, o.size); err == nil {
			err = cerr
		}
		errs[d] = err
	})
	return errors.Join(errs...)
}

// shareDocs assigns each document to one of at most n writers so that they
// copy about as many items each (largest first, to the writer with the
// fewest items). It returns each document's writer and the writer count.
func shareDocs(files []File, n int) (owner []int, writers int) {
	writers = max(1, min(n, len(files)))
	owner = make([]int, len(files))
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(files[order[a]].Feed.Items) > len(files[order[b]].Feed.Items) })
	load := make([]int, writers)
	for _, i := range order {
		w := 0
		for k := range load {
			if load[k] < load[w] {
				w = k
			}
		}
		owner[i] = w
		load[w] += len(files[i].Feed.Items) + 1
	}
	return owner, writers
}
