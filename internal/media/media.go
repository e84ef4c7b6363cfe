// Package media publishes the files posts refer to that a site does not
// publish as they are (an image a generator processes, a PDF next to a
// post): it names each file by its content, reads its length and type,
// and copies it, checking that the bytes are still the ones it was named
// for.
//
// A name is the first 16 hexadecimal digits of the SHA-256 of the file's
// bytes, a hyphen and the file's base name made safe for URLs and file
// systems (lower case ASCII letters, digits, "-" and "_", at most 60
// bytes, then the lower-case extension): the same bytes under the same
// name always give the same name, however many posts use them, and a
// changed file gets a new one.
package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// MaxSize is the largest file copied, in bytes (64 MiB): a feed's media
// are images and documents, and a larger file (a podcast's audio) is
// better published by the site itself.
const MaxSize = 64 << 20

// ErrTooLarge reports a file larger than MaxSize.
var ErrTooLarge = errors.New("file too large to publish beside the feeds")

// ErrChanged reports a file whose bytes changed after it was named.
var ErrChanged = errors.New("file changed after the feeds were built")

// A File is a file to publish.
type File struct {
	FS     fs.FS
	Name   string   // its path in FS
	Sum    [32]byte // SHA-256 of its bytes
	Length int64    // bytes
	Type   string   // MIME type, sniffed from its first bytes
}

// PublishedName is the file's content-addressed name.
func (f *File) PublishedName() string { return Name(f.Sum, f.Name) }

// Stat reads the file name in fsys in full: its length, SHA-256 and type.
// It streams the file, holding at most a small buffer. A file that is not
// a regular file is an error; one larger than MaxSize is ErrTooLarge.
func Stat(fsys fs.FS, name string) (*File, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	if st.Size() > MaxSize {
		return nil, fmt.Errorf("%w: %s is %d bytes, more than %d", ErrTooLarge, name, st.Size(), MaxSize)
	}
	h := sha256.New()
	head := make([]byte, 512)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	head = head[:n]
	h.Write(head)
	rest, err := io.Copy(h, io.LimitReader(f, MaxSize+1-int64(n)))
	if err != nil {
		return nil, err
	}
	size := int64(n) + rest
	if size > MaxSize {
		return nil, fmt.Errorf("%w: %s is more than %d bytes", ErrTooLarge, name, MaxSize)
	}
	out := &File{FS: fsys, Name: name, Length: size, Type: Sniff(head, name)}
	h.Sum(out.Sum[:0])
	return out, nil
}

// WriteTo copies the file to w, streaming it, and fails with ErrChanged
// when its bytes are no longer those Stat read. It implements io.WriterTo.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	r, err := f.FS.Open(f.Name)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", ErrChanged, err)
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(r, f.Length+1))
	if err != nil {
		return n, err
	}
	var sum [32]byte
	if h.Sum(sum[:0]); n != f.Length || sum != f.Sum {
		return n, fmt.Errorf("%w: %s", ErrChanged, f.Name)
	}
	return n, nil
}

// ETag is a strong entity tag from the file's content.
func (f *File) ETag() string { return `"` + hex.EncodeToString(f.Sum[:16]) + `"` }

// Name returns the content-addressed name of a file with SHA-256 sum whose
// path (or base name) is file.
func Name(sum [32]byte, file string) string {
	base := path.Base(file)
	ext := strings.ToLower(path.Ext(base))
	stem := safe(strings.TrimSuffix(base, path.Ext(base)), 60)
	if stem == "" {
		stem = "file"
	}
	ext = safe(strings.TrimPrefix(ext, "."), 10)
	name := hex.EncodeToString(sum[:8]) + "-" + stem
	if ext != "" {
		name += "." + ext
	}
	return name
}

// safe lower-cases s and keeps ASCII letters, digits, "-" and "_", every
// other run of bytes becoming one "-", without a "-" at either end, cut to
// at most max bytes.
func safe(s string, max int) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	})
	out := strings.Join(words, "-")
	if len(out) > max {
		out = strings.TrimRight(out[:max], "-")
	}
	return out
}

// IsName reports whether base has the form Name gives: 16 lower-case
// hexadecimal digits, a hyphen, then a safe name.
func IsName(base string) bool {
	if len(base) < 18 || base[16] != '-' {
		return false
	}
	for i := 0; i < 16; i++ {
		if c := base[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	stem, ext, _ := strings.Cut(base[17:], ".")
	return stem != "" && safe(stem, 60) == stem && safe(ext, 10) == ext && !strings.Contains(ext, ".")
}

// Copyable reports whether name is a kind of file sitefeed publishes for a
// post: an image, audio, video or document type of the Types table, in no
// hidden folder and not hidden itself (so that neither .env nor .git/…
// ever is).
func Copyable(name string) bool {
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return TypeByExt(name) != ""
}

// Types maps the extensions of the files sitefeed publishes to their MIME
// types. It does not depend on the machine, as the mime package does.
var Types = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg", ".jfif": "image/jpeg",
	".png": "image/png", ".apng": "image/apng", ".gif": "image/gif", ".webp": "image/webp",
	".avif": "image/avif", ".svg": "image/svg+xml", ".svgz": "image/svg+xml", ".bmp": "image/bmp",
	".ico": "image/vnd.microsoft.icon", ".tif": "image/tiff", ".tiff": "image/tiff",
	".heic": "image/heic", ".jxl": "image/jxl",
	".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac", ".oga": "audio/ogg",
	".ogg": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav", ".flac": "audio/flac",
	".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg",
	".mov": "video/quicktime", ".vtt": "text/vtt",
	".pdf": "application/pdf", ".epub": "application/epub+zip", ".zip": "application/zip",
	".gz": "application/gzip", ".tgz": "application/gzip", ".txt": "text/plain", ".csv": "text/csv",
}

// TypeByExt is the type Types gives name's extension, or "".
func TypeByExt(name string) string { return Types[strings.ToLower(path.Ext(name))] }

// Sniff names the type of a file from its first bytes (up to 512), then
// from its name: AVIF and HEIC by their ftyp brand, the image, audio,
// video and PDF types net/http recognises, then Types.
func Sniff(head []byte, name string) string {
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch string(head[8:12]) {
		case "avif", "avis":
			return "image/avif"
		case "heic", "heix", "mif1":
			return "image/heic"
		}
	}
	t := http.DetectContentType(head)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	if strings.HasPrefix(t, "image/") || t == "application/pdf" ||
		(strings.HasPrefix(t, "audio/") || strings.HasPrefix(t, "video/")) && TypeByExt(name) == "" {
		return t
	}
	if ext := TypeByExt(name); ext != "" {
		return ext
	}
	if t == "application/octet-stream" || strings.HasPrefix(t, "text/") {
		return ""
	}
	return t
}
