package sitefeed

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// A PostError reports a problem with one post file. LoadDir joins one
// PostError per bad file with [errors.Join]; ParsePost returns one directly.
type PostError struct {
	Path string // as given to LoadDir or ParsePost
	Line int    // 1-based line in the file; 0 when the problem has no line
	Err  error  // the cause; one of the Err variables below is in its chain
}

// Error returns "path:line: cause", or "path: cause" when Line is 0.
func (e *PostError) Error() string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line) + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

// Unwrap returns the cause, so that errors.Is finds the sentinels below.
func (e *PostError) Unwrap() error { return e.Err }

// Causes of a PostError, for use with errors.Is.
var (
	// ErrNoFrontMatter: the file does not start with a front matter block.
	ErrNoFrontMatter = errors.New("no front matter")
	// ErrUnterminated: a front matter block is opened but never closed.
	ErrUnterminated = errors.New("front matter not terminated")
	// ErrSyntax: the front matter is not valid YAML, TOML or JSON, or it
	// is larger than 1 MiB, nests more than 64 levels deep or holds more
	// than 10000 values (aliases expanded).
	ErrSyntax = errors.New("front matter")
	// ErrFieldType: a known key holds a value of the wrong type, or one
	// sitefeed cannot use (such as a slug with an empty, . or .. segment).
	ErrFieldType = errors.New("wrong type")
	// ErrDuplicateKey: a key, or two spellings of it, appears twice.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrMissingTitle: the post has no title.
	ErrMissingTitle = errors.New("missing title")
	// ErrMissingDate: the post has no publication date, in front matter or file name.
	ErrMissingDate = errors.New("missing date")
	// ErrBadDate: a date value is in no format sitefeed reads.
	ErrBadDate = errors.New("unparseable date")
	// ErrNotText: the file is not text (it holds NUL bytes).
	ErrNotText = errors.New("not a text file")
	// ErrTooLarge: the file is larger than MaxPostSize.
	ErrTooLarge = errors.New("file too large")
	// ErrHeroNotFound: a hero image relative to the post names no file.
	ErrHeroNotFound = errors.New("hero image not found")
	// ErrDuplicate: two posts share a URL or an ID; the error names both files.
	ErrDuplicate = errors.New("duplicate post")
	// ErrChanged: a post loaded with LoadOptions.Lazy changed (or went)
	// between LoadDir and the writing of its feeds.
	ErrChanged = errors.New("file changed since it was loaded")
)

// MaxPostSize is the largest post file LoadDir and ParsePost accept.
const MaxPostSize = 32 << 20

// clip cuts s to at most n bytes, at a character boundary, marking the cut
// with "…", so that an error message repeating a value of the file (a date,
// a key, a URL) stays readable however long the value is.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
