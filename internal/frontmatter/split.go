// Package frontmatter splits a post file into its front matter block and
// its body, and decodes the block (YAML, TOML or JSON) into top-level
// fields that each know their line in the file.
//
// The delimiters are adrg/frontmatter's own formats, and the library finds
// the end of the block whenever the fast splitter does not (a bare JSON
// object, a block never closed). What this package adds around it, and
// why the library cannot do it (adrg/frontmatter v0.2.0):
//
//   - Lines. The library hands its unmarshal function the block's bytes
//     and returns the unmarshaller's error as it is: it knows neither the
//     line the block starts on nor the line of a key. Errors and keys here
//     carry lines of the file, so the block is decoded by this package
//     (yaml.v3 nodes, BurntSushi/toml key metadata, encoding/json tokens);
//     the library's own formats decode with yaml.v2, toml.Unmarshal and
//     json.Unmarshal into a value, which keeps no lines.
//   - An unclosed block. The library's parser returns no error when the
//     closing delimiter never comes: the whole file is then the body. An
//     unmarshal hook that records that it ran tells the two apart.
//   - Limits. The library reads the whole input and passes the whole block
//     to the unmarshaller, whatever their size, and sets no limit of its
//     own: those of its decoders differ by format (yaml.v2 bounds the
//     ratio of aliases, encoding/json nesting at 10000 levels, toml
//     neither). Here the block is refused above MaxSize before it is
//     decoded, and decoding stops at MaxValues values and MaxDepth levels
//     in every format.
//   - Copies. The library copies the whole file into a buffer of its own
//     to return the body; the fast splitter cuts the block and the body out
//     of the caller's bytes when it finds the closing line just as the
//     library would (see Mode).
//
// The library compares each line, trimmed of white space, with its
// delimiters and splits lines at "\n" only: a byte order mark before the
// opening delimiter hides it, and a lone CR ends no line. Split wants its
// input with the BOM removed and every line ending in LF.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	adrg "github.com/adrg/frontmatter"
)

// Limits that keep hostile front matter cheap to reject: the block is
// refused before it is decoded when it is larger than MaxSize (so that the
// memory decoding takes is bounded), and decoding stops at MaxValues
// values and MaxDepth levels, in every format.
const (
	MaxSize   = 1 << 20 // bytes of the block
	MaxValues = 10000   // values after alias expansion
	MaxDepth  = 64      // nesting of lists, maps and dotted keys
)

// Causes of an Error, for use with errors.Is.
var (
	// ErrNoFrontMatter: the file does not start with a front matter block.
	ErrNoFrontMatter = errors.New("no front matter")
	// ErrUnterminated: a front matter block is opened but never closed.
	ErrUnterminated = errors.New("front matter not terminated")
	// ErrSyntax: the block is not valid YAML, TOML or JSON, or it breaks
	// one of the limits.
	ErrSyntax = errors.New("front matter")
)

// An Error is a cause with the line of the file it is on.
type Error struct {
	Line int   // 1-based
	Err  error // ErrNoFrontMatter, ErrUnterminated or ErrSyntax is in its chain
}

// Error returns the cause's message.
func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Err: fmt.Errorf(format, args...)}
}

// A Field is one top-level key of the block with its value and the line of
// the file it is on.
type Field struct {
	Key   string // as written
	Line  int    // 1-based line in the file
	Value any    // nil, string, bool, int64, float64, time.Time, []any or map[string]any
}

// A Block is a post file split into front matter and body.
type Block struct {
	Format   string // "yaml", "toml" or "json"
	Fields   []Field
	Body     []byte // a part of the data given to Split
	BodyLine int    // line of the file on which Body starts
}

// Mode chooses how Split finds the end of the block. Both give the same
// Block or the same Error for every input; the differential tests check it.
type Mode int

const (
	// Fast cuts the block and the body out of the data when it finds the
	// closing line as adrg/frontmatter would, and leaves the other cases
	// (a bare JSON object, which must be followed by an empty line, and
	// a block never closed) to the library.
	Fast Mode = iota
	// Library always gives adrg/frontmatter the whole file.
	Library
)

// kinds maps each opening delimiter to the format of its block.
var kinds = map[string]string{
	"---": "yaml", "---yaml": "yaml",
	"+++": "toml", "---toml": "toml",
	";;;": "json", "---json": "json",
	"{": "json",
}

// formats are adrg/frontmatter's formats, the same delimiters as its
// defaults, with keep as their unmarshal function.
func formats(keep adrg.UnmarshalFunc) []*adrg.Format {
	return []*adrg.Format{
		adrg.NewFormat("---", "---", keep),
		adrg.NewFormat("---yaml", "---", keep),
		adrg.NewFormat("+++", "+++", keep),
		adrg.NewFormat("---toml", "---", keep),
		adrg.NewFormat(";;;", ";;;", keep),
		adrg.NewFormat("---json", "---", keep),
		{Start: "{", End: "}", Unmarshal: keep, UnmarshalDelims: true, RequiresNewLine: true},
	}
}

// closers maps the opening delimiters the fast splitter handles to their
// closing ones: those of formats that need no empty line after the block.
var closers = func() map[string]string {
	m := map[string]string{}
	for _, f := range formats(nil) {
		if !f.RequiresNewLine {
			m[f.Start] = f.End
		}
	}
	return m
}()

// Split separates the front matter block from the body of data and
// decodes it. data must have its BOM removed and every line ending in LF.
func Split(data []byte, mode Mode) (*Block, *Error) {
	// The opening delimiter is the first line that is not blank.
	rest, line := data, 1
	for len(rest) > 0 && len(bytes.TrimSpace(firstLine(rest))) == 0 {
		if len(firstLine(rest)) == len(rest) {
			rest = nil
			break
		}
		rest, line = rest[len(firstLine(rest))+1:], line+1
	}
	open := strings.TrimSpace(string(firstLine(rest)))
	kind := kinds[open]
	if kind == "" && strings.HasPrefix(open, "{") {
		kind = "json" // a bare JSON object that the library will not find
	}
	if kind == "" {
		return nil, &Error{Line: 1, Err: ErrNoFrontMatter}
	}

	var raw, body []byte
	found := false
	if start, end := closingLine(rest, open); mode == Fast && end >= 0 {
		raw, body, found = rest[len(firstLine(rest))+1:start], rest[end:], true
	} else {
		var err error
		if raw, body, found, err = parse(data); err != nil {
			return nil, errorf(line, "%w: %v", ErrSyntax, err)
		}
	}
	if !found {
		if open != "---json" && open != ";;;" && kind == "json" {
			return nil, errorf(line, `%w: a bare JSON object must open with a "{" line and close with a "}" line followed by an empty line`, ErrUnterminated)
		}
		return nil, errorf(line, "%w: %q on line %d is never closed", ErrUnterminated, open, line)
	}
	if len(raw) > MaxSize {
		return nil, errorf(line, "%w: larger than %d KiB", ErrSyntax, MaxSize>>10)
	}
	b := &Block{Format: kind, Body: body}
	b.BodyLine = 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n"))
	// The block's first line is the line after the opening delimiter, except
	// for a bare JSON object, whose braces are part of it.
	first := line + 1
	if open == "{" {
		first = line
	}
	var err *Error
	switch kind {
	case "yaml":
		b.Fields, err = decodeYAML(raw, first)
	case "toml":
		b.Fields, err = decodeTOML(raw, first)
	case "json":
		b.Fields, err = decodeJSON(raw, first)
	}
	if err != nil {
		return nil, err
	}
	return b, nil
}

// parse gives data to adrg/frontmatter, which returns the block to an
// unmarshal function that keeps it, and the body. found is false when the
// block is never closed, which the library does not report.
func parse(data []byte) (raw, body []byte, found bool, err error) {
	keep := func(block []byte, _ any) error { raw, found = block, true; return nil }
	body, err = adrg.Parse(bytes.NewReader(data), nil, formats(keep)...)
	return raw, body, found, err
}

// closingLine returns where the line that closes the block opened by the
// first line of rest starts and ends (after its newline), as
// adrg/frontmatter finds it: the first later line that is the format's
// closing delimiter once trimmed. It returns -1, -1 when there is none,
// and for a format whose closing line must also be followed by an empty
// one (a bare JSON object).
func closingLine(rest []byte, open string) (start, end int) {
	closer, ok := closers[open]
	if !ok {
		return -1, -1
	}
	i := bytes.IndexByte(rest, '\n')
	for i >= 0 {
		j := bytes.IndexByte(rest[i+1:], '\n')
		lineEnd := len(rest)
		if j >= 0 {
			lineEnd = i + 1 + j + 1
		}
		if string(bytes.TrimSpace(rest[i+1:lineEnd])) == closer {
			return i + 1, lineEnd
		}
		if j < 0 {
			return -1, -1
		}
		i += 1 + j
	}
	return -1, -1
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}
