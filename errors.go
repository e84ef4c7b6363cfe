package sitefeed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitefeed/sitefeed/internal/frontmatter"
)

// A PostError reports a problem with one post file. LoadDir and Build
// return an [ErrorList] of them; ParsePost returns one directly.
type PostError struct {
	Path string // as given to LoadDir or ParsePost
	Line int    // 1-based line in the file; 0 when the problem has no line
	Err  error  // the cause; one of the Err variables below is in its chain
}

// Error returns "path:line: cause", or "path: cause" when Line is 0, on
// one line: a path with a control character (such as a newline) or
// invalid UTF-8 is written as a Go string literal ("a\nb.md"), and such
// characters in the cause are escaped the same way.
func (e *PostError) Error() string {
	path := e.Path
	if !printable(path) {
		path = strconv.Quote(path)
	}
	cause := e.Err.Error()
	if !printable(cause) {
		cause = escapeControls(cause)
	}
	if e.Line > 0 {
		return path + ":" + strconv.Itoa(e.Line) + ": " + cause
	}
	return path + ": " + cause
}

// printable reports whether s is valid UTF-8 without control characters
// but tab, so that it prints on one line as it is.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, isControl)
}

func isControl(r rune) bool {
	return r < ' ' && r != '\t' || r == 0x7F || r >= 0x80 && r < 0xA0 || r == 0x2028 || r == 0x2029
}

// escapeControls writes the control characters and invalid bytes of s as
// Go escapes (\n, \xff), and the rest as it is.
func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case isControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Unwrap returns the cause, so that errors.Is finds the sentinels below.
func (e *PostError) Unwrap() error { return e.Err }

// Causes of a PostError in the front matter block, for use with errors.Is.
var (
	// ErrNoFrontMatter: the file does not start with a front matter block.
	ErrNoFrontMatter = frontmatter.ErrNoFrontMatter
	// ErrUnterminated: a front matter block is opened but never closed.
	ErrUnterminated = frontmatter.ErrUnterminated
	// ErrSyntax: the front matter is not valid YAML, TOML or JSON, or it
	// is larger than 1 MiB, nests more than 64 levels deep or holds more
	// than 10000 values (aliases expanded).
	ErrSyntax = frontmatter.ErrSyntax
	// ErrJSFrontMatter: the front matter is JavaScript (Eleventy's ---js),
	// which sitefeed does not run, so cannot read.
	ErrJSFrontMatter = errors.New("front matter in JavaScript, which sitefeed cannot read")
)

// Causes of a PostError in the values of the front matter keys.
var (
	// ErrFieldType: a known key holds a value of the wrong type, or one
	// sitefeed cannot use (such as a slug with an empty, . or .. segment).
	ErrFieldType = errors.New("wrong type")
	// ErrDuplicateKey: a key, or two spellings of it, appears twice.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrMissingTitle: the post has no title.
	ErrMissingTitle = errors.New("missing title")
	// ErrMissingDate: the post has no publication date, in front matter or file name.
	ErrMissingDate = errors.New("missing date")
)

// ErrBadDate: a date value is in no format sitefeed reads. It is the
// cause of a PostError for such a date, and in the chain of every error
// of ParseDate.
var ErrBadDate = errors.New("unparseable date")

// Causes of a PostError in the file as a whole, or in the set of posts.
var (
	// ErrNotText: the file is not text (it holds NUL bytes).
	ErrNotText = errors.New("not a text file")
	// ErrTooLarge: the file is larger than MaxPostSize, or a file the post
	// refers to that sitefeed would publish is larger than MaxMediaSize.
	ErrTooLarge = errors.New("file too large")
	// ErrHeroNotFound: a hero image relative to the post names no file.
	ErrHeroNotFound = errors.New("hero image not found")
	// ErrDuplicate: two posts share a URL or an ID; the error names both files.
	ErrDuplicate = errors.New("duplicate post")
	// ErrTooComplex: the post's Markdown goes beyond a limit on what
	// goldmark renders in time and memory in proportion to its length
	// (lists nested 100 deep, 1000 footnote references or 100 plus one
	// per 32 bytes of the post, 1000 link
	// reference definitions in a row, 200000 table cells, link
	// destinations left open on a line); the error's line is where.
	ErrTooComplex = errors.New("too complex for the Markdown renderer")
	// ErrBadName: the file's name, or a folder's, is not valid UTF-8, so
	// that an fs.FS cannot open it (see [fs.ValidPath]); it is not read.
	ErrBadName = errors.New("name is not valid UTF-8; not read")
	// ErrTooManyTags: the post has more tags than Options.MaxTags.
	ErrTooManyTags = errors.New("too many tags")
	// ErrChanged: a post loaded with LoadOptions.Lazy changed (or went)
	// between LoadDir and the writing of its feeds, or a media file
	// (Set.Media) between Build and its writing.
	ErrChanged = errors.New("file changed since it was loaded")
)

// MaxPostSize is the largest post file LoadDir and ParsePost accept.
const MaxPostSize = 32 << 20
