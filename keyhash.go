package sitefeed

import (
	"crypto/sha256"
	"encoding/binary"
	"io"
	"sync"
)

// A keyHash is a SHA-256 of fields that gathers them in a buffer and
// hashes the buffer once: a key is made of many short fields, and
// hashing them one call each, through an interface, cost more than the
// hash itself.
type keyHash struct{ buf []byte }

// Write adds p as it is (an io.Writer, for writeField).
func (k *keyHash) Write(p []byte) (int, error) {
	k.buf = append(k.buf, p...)
	return len(p), nil
}

// sum returns the SHA-256 of what was written, and empties the buffer for
// the next key.
func (k *keyHash) sum() [sha256.Size]byte {
	s := sha256.Sum256(k.buf)
	k.buf = k.buf[:0]
	return s
}

// keyHashes are keyHashes to reuse.
var keyHashes = sync.Pool{New: func() any { return new(keyHash) }}

// writeField writes s, a string or bytes, to h preceded by its length,
// so that no two lists of fields hash alike.
func writeField[T ~string | ~[]byte](h io.Writer, s T) {
	if k, ok := h.(*keyHash); ok {
		k.buf = binary.AppendUvarint(k.buf, uint64(len(s)))
		k.buf = append(k.buf, s...)
		return
	}
	var n [binary.MaxVarintLen64]byte
	h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
	h.Write([]byte(s))
}
