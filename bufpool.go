package sitefeed

import (
	"bytes"
	"sync"
)

// A bufPool recycles buffers; buffers that grew past 1 MiB are dropped.
type bufPool struct{ p sync.Pool }

func (bp *bufPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

func (bp *bufPool) put(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		bp.p.Put(b)
	}
}
