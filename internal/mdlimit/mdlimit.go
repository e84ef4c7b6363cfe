// Package mdlimit finds, in one pass over a Markdown source, the few
// constructs on which goldmark (v1.8.7) takes time or memory out of
// proportion to the input, so that a post can be refused with the line at
// fault before it is rendered:
//
//   - link destinations left open: after each "](" goldmark scans the
//     destination to its end, and when it never closes, to the end of the
//     line, once per "](": "[a](" repeated takes time quadratic in the line;
//   - footnote references: each one costs time in proportion to the
//     footnotes of the post, and adds a back link to its footnote: about
//     200 bytes of HTML from 4 bytes of source;
//   - lists nested deeply: each line is measured again by every list it is
//     in;
//   - link reference definitions in a row: each one read copies the rest
//     of its paragraph;
//   - table cells: each costs about 500 bytes of memory.
//
// The checks read the source as lines, as goldmark does, but do not parse
// it: a construct inside a code block counts too. The limits are far above
// what posts written by hand hold.
package mdlimit

import (
	"bytes"
	"fmt"
)

// Limits on a Markdown source.
const (
	// MaxListDepth is the deepest nesting of list items.
	MaxListDepth = 100
	// MaxFootnoteRefs is the most references to footnotes; a post of
	// fewer than FootnoteRefBytes bytes for each reference beyond
	// MinFootnoteRefs has too many too.
	MaxFootnoteRefs = 1000
	// MinFootnoteRefs references are allowed in a post of any size.
	MinFootnoteRefs = 100
	// FootnoteRefBytes is the bytes of source a post needs per footnote
	// reference beyond MinFootnoteRefs. A reference and its back link
	// cost up to about 16 µs to render, sanitise and make absolute (a
	// thousand of them, each to its own footnote), for as little as 4
	// bytes of source: one per 32 bytes keeps a post at the limit near
	// 0.5 s of CPU per MB.
	FootnoteRefBytes = 32
	// MaxRefDefRun is the most link reference definitions in a row,
	// without a blank line between them.
	MaxRefDefRun = 1000
	// MaxTableCells is the most table cells, all tables together.
	MaxTableCells = 200_000
	// linkScanFactor bounds the bytes goldmark scans for link
	// destinations on a line to this many times the line, plus
	// linkScanSlack.
	linkScanFactor, linkScanSlack = 64, 64 << 10
)

// An Error is a limit the source goes beyond.
type Error struct {
	Line int    // 1-based line of the source
	Msg  string // what is beyond which limit
}

func (e *Error) Error() string { return e.Msg }

// Check returns the first limit src goes beyond, or nil. It takes time
// linear in the length of src.
func Check(src []byte) *Error {
	c := checker{defs: footnoteDefs(src), maxRefs: footnoteRefLimit(len(src)), size: len(src)}
	line := 0
	for len(src) > 0 {
		line++
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if msg := c.line(l); msg != "" {
			return &Error{Line: line, Msg: msg}
		}
		c.previous = l
	}
	return nil
}

// footnoteRefLimit is the most footnote references in a source of size
// bytes.
func footnoteRefLimit(size int) int {
	return min(MaxFootnoteRefs, MinFootnoteRefs+size/FootnoteRefBytes)
}

type checker struct {
	defs     map[string]bool // footnote labels defined, lower case
	refs     int             // footnote references to them
	maxRefs  int             // the most references allowed
	size     int             // of the source
	items    []int           // content column of each open list item
	refRun   int             // link reference definitions in a row
	cells    int             // table cells
	columns  int             // columns of the open table; 0 outside tables
	previous []byte          // the line before, for table headers
}

// line checks one line and returns what is beyond a limit, or "".
func (c *checker) line(l []byte) string {
	indent, rest := leading(l)
	blank := len(rest) == 0

	// Lists: the open items are those whose content column the line
	// reaches; a list marker opens one more.
	if !blank {
		for len(c.items) > 0 && c.items[len(c.items)-1] > indent {
			c.items = c.items[:len(c.items)-1]
		}
		if w := listMarker(rest); w > 0 {
			c.items = append(c.items, indent+w)
			if len(c.items) > MaxListDepth {
				return fmt.Sprintf("lists nested more than %d levels deep", MaxListDepth)
			}
		}
	}

	// Link reference definitions in a row.
	switch {
	case indent <= 3 && len(rest) > 1 && rest[0] == '[' && rest[1] != '^' && bytes.Contains(rest, []byte("]:")):
		c.refRun++
		if c.refRun > MaxRefDefRun {
			return fmt.Sprintf("more than %d link reference definitions in a row (put a blank line between them)", MaxRefDefRun)
		}
	case blank:
		c.refRun = 0
	}

	// Tables: a delimiter row under a header opens one, a blank line
	// closes it; every row has the header's columns.
	switch {
	case blank:
		c.columns = 0
	case c.columns > 0:
		c.cells += c.columns
	case indent <= 3 && delimiterRow(rest) && len(bytes.TrimSpace(c.previous)) > 0:
		row := bytes.TrimSpace(rest)
		row = bytes.TrimSuffix(bytes.TrimPrefix(row, []byte("|")), []byte("|"))
		c.columns = bytes.Count(row, []byte("|")) + 1
		c.cells += 2 * c.columns
	}
	if c.cells > MaxTableCells {
		return fmt.Sprintf("tables of more than %d cells", MaxTableCells)
	}

	if len(c.defs) > 0 && bytes.Contains(l, []byte("[^")) {
		c.refs += footnoteRefs(l, c.defs)
		if c.refs > c.maxRefs {
			if c.maxRefs == MaxFootnoteRefs {
				return fmt.Sprintf("more than %d footnote references", MaxFootnoteRefs)
			}
			return fmt.Sprintf("more than %d footnote references in a post of %d bytes (%d, plus one per %d bytes, up to %d)",
				c.maxRefs, c.size, MinFootnoteRefs, FootnoteRefBytes, MaxFootnoteRefs)
		}
	}

	// Each "](" reads at most the rest of the line: only a line where
	// that could pass the budget is measured.
	if n := bytes.Count(l, []byte("](")); n > 0 && n*len(l) > linkScanFactor*len(l)+linkScanSlack {
		if scan := destinationScan(l); scan > linkScanFactor*len(l)+linkScanSlack {
			return fmt.Sprintf("%d link destinations opened with \"](\" and not closed on one line", n)
		}
	}
	return ""
}

// leading returns the width of the line's indentation (a tab to the next
// multiple of 4) and the line after it.
func leading(l []byte) (int, []byte) {
	w := 0
	for i, b := range l {
		switch b {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w, l[i:]
		}
	}
	return w, nil
}

// listMarker returns the width of the list marker and the space after it
// that start s ("- ", "* ", "+ ", "1. ", "1) "), or 0.
func listMarker(s []byte) int {
	i := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		i = 1
	default:
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || s[i] != '.' && s[i] != ')' {
			return 0
		}
		i++
	}
	if i == len(s) {
		return i + 1
	}
	if s[i] != ' ' && s[i] != '\t' {
		return 0
	}
	return i + 1
}

// delimiterRow reports whether s is a table's delimiter row: pipes,
// hyphens, colons and spaces, with a hyphen.
func delimiterRow(s []byte) bool {
	dash, pipe := false, false
	for _, b := range bytes.TrimSpace(s) {
		switch b {
		case '-':
			dash = true
		case '|':
			pipe = true
		case ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash && pipe
}

// footnoteDefs returns the labels of the footnotes src defines, lower case.
func footnoteDefs(src []byte) map[string]bool {
	var defs map[string]bool
	if !bytes.Contains(src, []byte("[^")) {
		return nil
	}
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		indent, rest := leading(l)
		if indent > 3 || !bytes.HasPrefix(rest, []byte("[^")) {
			continue
		}
		if end := bytes.Index(rest, []byte("]:")); end > 2 {
			if defs == nil {
				defs = map[string]bool{}
			}
			defs[string(bytes.ToLower(rest[2:end]))] = true
		}
	}
	return defs
}

// footnoteRefs counts the references in l to footnotes in defs.
func footnoteRefs(l []byte, defs map[string]bool) int {
	n := 0
	for {
		i := bytes.Index(l, []byte("[^"))
		if i < 0 {
			return n
		}
		l = l[i+2:]
		end := bytes.IndexByte(l, ']')
		if end < 0 {
			return n
		}
		if defs[string(bytes.ToLower(l[:end]))] && !bytes.HasPrefix(l[end:], []byte("]:")) {
			n++
		}
		l = l[end+1:]
	}
}

// destinationScan returns how many bytes goldmark's parseLinkDestination
// reads for all the "](" of the line together: from each, to the ">" of a
// destination in angle brackets, else to the first space or unbalanced
// ")", else to the end of the line. It takes time linear in the line.
func destinationScan(l []byte) int {
	n := len(l)
	// escaped[i]: l[i] is the second byte of a backslash escape.
	escaped := make([]bool, n)
	for i := 0; i+1 < n; i++ {
		if l[i] == '\\' && isPunct(l[i+1]) {
			escaped[i+1] = true
			i++
		}
	}
	// nextStop[i]: the first space at or after i; nextGT[i]: the first
	// unescaped ">" at or after i; both n when there is none.
	nextStop := make([]int, n+1)
	nextGT := make([]int, n+1)
	nextStop[n], nextGT[n] = n, n
	for i := n - 1; i >= 0; i-- {
		nextStop[i], nextGT[i] = nextStop[i+1], nextGT[i+1]
		switch {
		case isSpace(l[i]):
			nextStop[i] = i
		case l[i] == '>' && !escaped[i]:
			nextGT[i] = i
		}
	}
	// depth[i] is the balance of unescaped parentheses before i; close[i]
	// is the first j > i with depth[j] < depth[i] (a ")" that closes a
	// destination starting at i), found with a stack of positions whose
	// depths increase.
	depth := make([]int, n+1)
	for i := range n {
		depth[i+1] = depth[i]
		if !escaped[i] {
			switch l[i] {
			case '(':
				depth[i+1]++
			case ')':
				depth[i+1]--
			}
		}
	}
	closeAt := make([]int, n+1)
	var stack []int
	for j := 0; j <= n; j++ {
		for len(stack) > 0 && depth[j] < depth[stack[len(stack)-1]] {
			closeAt[stack[len(stack)-1]] = j
			stack = stack[:len(stack)-1]
		}
		stack = append(stack, j)
	}
	for _, i := range stack {
		closeAt[i] = n
	}
	total := 0
	for i := 0; i+1 < n; i++ {
		if l[i] != ']' || l[i+1] != '(' {
			continue
		}
		q := i + 2
		for q < n && (l[q] == ' ' || l[q] == '\t') {
			q++
		}
		if q < n && l[q] == '<' {
			total += nextGT[q] - q
		} else {
			total += min(nextStop[q], closeAt[q]) - q
		}
	}
	return total
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

func isPunct(b byte) bool {
	return b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'
}
