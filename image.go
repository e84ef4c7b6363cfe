package sitefeed

import (
	"io"
	"io/fs"
	"mime"
	"net/url"
	"path"
	"strings"

	"github.com/sitefeed/sitefeed/internal/media"
)

// localPath reports whether ref names a file relative to the post (not an
// absolute URL, not root-relative) and returns its unescaped path.
func localPath(ref string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	return u.Path, true
}

// statImage fills img's Length and Type from the file name in fsys, when it
// is a regular file. Values already set are kept.
func statImage(fsys fs.FS, name string, img *Image) bool {
	f, err := fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if img.Length == 0 {
		img.Length = st.Size()
	}
	if img.Type == "" {
		head := make([]byte, 512)
		n, _ := io.ReadFull(f, head)
		img.Type = sniffImage(head[:n], name)
	}
	return true
}

// sniffImage names the image type of a file's first bytes, falling back to
// its extension.
func sniffImage(head []byte, name string) string {
	if t := media.Sniff(head, name); t != "" {
		return t
	}
	return typeByExt(name)
}

// formatTypes maps the values image CDNs take in fmt= or format= to types.
var formatTypes = map[string]string{
	"jpg": "image/jpeg", "jpeg": "image/jpeg", "pjpg": "image/jpeg",
	"png": "image/png", "png8": "image/png", "png32": "image/png",
	"gif": "image/gif", "webp": "image/webp", "avif": "image/avif",
	"svg": "image/svg+xml", "jxl": "image/jxl",
}

// typeByExt is the type of a file named name: media.Types, consulted
// before the mime package, whose answers depend on the machine.
func typeByExt(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := media.Types[ext]; ok {
		return t
	}
	if ext == "" {
		return ""
	}
	t := mime.TypeByExtension(ext)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}

// imageType is the type of a remote image: a format in the query string
// (fmt=webp), then the extension of the path.
func imageType(u *url.URL) string {
	q := u.Query()
	for _, k := range []string{"fmt", "format", "fm", "output", "f"} {
		if t, ok := formatTypes[strings.ToLower(q.Get(k))]; ok {
			return t
		}
	}
	return typeByExt(u.Path)
}
