// Package htmlclean cleans the HTML of posts: it sanitizes it with the one
// bluemonday policy (HouseRules) and makes every URL in it absolute.
//
// A Cleaner made by NewReference does that the plain way: bluemonday, then
// the golang.org/x/net/html tokenizer over the result. A Cleaner made by
// New writes the same bytes faster for the HTML Markdown renders to: it
// reads tags without the tokenizer, asks the policy about each tag alone
// (remembering its answers), and knows the answers for the commonest
// links, headings, images and footnotes. That knowledge is checked against the
// Cleaner's policy, never assumed: New runs probes of every kind of tag
// and text the fast path answers for itself through the policy and turns
// off each shortcut the policy does not agree with, and the first tag of
// each kind, scheme and host is compared with the policy's own answer
// before the shortcut is taken for it. The differential tests compare the
// two Cleaners on many documents, under the house policy and under
// changed ones.
package htmlclean

import (
	"bytes"
	"net/url"
	"sync"
	"sync/atomic"

	"github.com/microcosm-cc/bluemonday"
)

// A Cleaner sanitizes HTML with a policy and makes its URLs absolute. It
// is safe for concurrent use.
type Cleaner struct {
	policy    *bluemonday.Policy
	reference bool // bluemonday and the tokenizer only

	// What New found the policy to do as the fast path does.
	fast          bool              // text; no fast path at all when false
	dropsComments bool              // comments and doctypes
	common        [commonKinds]bool // sanitizeCommonTag, by kind

	tags     sync.Map // raw tag → *cleanTag
	tagCount atomic.Int32

	mu      sync.RWMutex
	classes map[tagClass]bool // whether the policy agrees with sanitizeCommonTag
}

// New returns a Cleaner with the fast path, checked against p.
func New(p *bluemonday.Policy) *Cleaner {
	c := &Cleaner{policy: p, classes: make(map[tagClass]bool)}
	c.check()
	return c
}

// NewReference returns a Cleaner that runs p on the whole document and
// tokenizes the result to make its URLs absolute: the reference New's
// Cleaner is compared with.
func NewReference(p *bluemonday.Policy) *Cleaner {
	return &Cleaner{policy: p, reference: true}
}

var (
	houseOnce sync.Once
	house     *Cleaner
)

// Default returns the Cleaner with the fast path for the house policy,
// HouseRules().Policy(), made once.
func Default() *Cleaner {
	houseOnce.Do(func() { house = New(HouseRules().Policy()) })
	return house
}

// Policy returns the Cleaner's policy.
func (c *Cleaner) Policy() *bluemonday.Policy { return c.policy }

// Finish sanitizes doc and makes every URL in it absolute against base
// (when base is not nil). Quotes in text are written as themselves.
func (c *Cleaner) Finish(doc []byte, base *url.URL) string {
	clean := bufs.get()
	defer bufs.put(clean)
	clean.Grow(len(doc) + len(doc)/8)
	if !c.reference && c.fast && c.sanitizeFast(clean, doc, base) {
		return unquoteText(clean.Bytes())
	}
	clean.Reset()
	if c.policy.SanitizeReaderToWriter(bytes.NewReader(doc), clean) != nil {
		clean.Reset() // as SanitizeBytes does
	}
	out := bufs.get()
	defer bufs.put(out)
	out.Grow(clean.Len() + clean.Len()/16)
	if c.reference || !absolutizeScan(out, clean.Bytes(), base) {
		out.Reset()
		absolutizeTokens(out, clean.Bytes(), base)
	}
	return unquoteText(out.Bytes()) // a copy: the caller keeps it
}

// bufs holds the buffers documents pass through.
var bufs = buffers{max: 1 << 20}

// buffers recycles bytes.Buffers up to max bytes.
type buffers struct {
	pool sync.Pool
	max  int
}

func (b *buffers) get() *bytes.Buffer {
	buf, _ := b.pool.Get().(*bytes.Buffer)
	if buf == nil {
		return new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

func (b *buffers) put(buf *bytes.Buffer) {
	if buf.Cap() <= b.max {
		b.pool.Put(buf)
	}
}
