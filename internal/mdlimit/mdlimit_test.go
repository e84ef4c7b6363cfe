package mdlimit

import (
	"fmt"
	"strings"
	"testing"
)

// repeatLines returns n lines made by f.
func repeatLines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i) + "\n")
	}
	return b.String()
}

// pad returns n bytes of plain text.
func pad(n int) string {
	return strings.Repeat("x", n)
}

// TestCheck: each limit is found at its line, and Markdown as people write
// it, however long, passes. Rows that pass hold the most each limit lets
// through.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int    // 0: no error
		msg  string // a text of the error
	}{
		{"plain text", strings.Repeat("Some words, [a link](https://example.com/(x)) and `code`.\n\n", 10000), 0, ""},
		{"many links on one line", strings.Repeat("[a](https://example.com/a_(b)) ", 100000), 0, ""},
		{"open links", "intro\n" + strings.Repeat("[a](", 100000), 2, "link destinations"},
		{"open links in angle brackets", strings.Repeat("[a](<", 100000), 1, "link destinations"},
		{"open links behind escaped parentheses", strings.Repeat(`[a](\)`, 100000), 1, "link destinations"},
		{"a few open links", strings.Repeat("[a](", 250), 0, ""},
		{"a few too many open links", strings.Repeat("[a](", 260), 1, "link destinations"},
		{"open links among spaces", strings.Repeat("[a]( x ", 100000), 0, ""},

		{"lists 100 deep", repeatLines(100, func(i int) string { return strings.Repeat("  ", i) + "- x" }), 0, ""},
		{"lists 101 deep", repeatLines(101, func(i int) string { return strings.Repeat("   ", i) + "1. x" }), 101, "nested more than 100"},
		{"lists 101 deep with tabs", repeatLines(101, func(i int) string { return strings.Repeat("\t", i) + "* x" }), 101, "nested more than 100"},
		{"many lists side by side", repeatLines(100000, func(i int) string { return strings.Repeat("  ", i%50) + "- x" }), 0, ""},

		{"1000 footnote references", "[^n]: note\n\n" + strings.Repeat("x[^n] ", 1000) + "\n\n" + pad(900*32), 0, ""},
		{"1001 footnote references", "[^n]: note\n\n" + strings.Repeat("x[^N] ", 1001) + "\n\n" + pad(2<<20), 3, "more than 1000 footnote references"},
		// 100 plus one per 32 bytes: 114 in 468 bytes, not 115 in 472.
		{"footnote references in a short post", "[^n]: note\n\n" + strings.Repeat("[^n]", 114), 0, ""},
		{"footnote references beyond a short post", "[^n]: note\n\n" + strings.Repeat("[^n]", 115), 3, "more than 114 footnote references in a post of 472 bytes"},
		// 200 in 3200 bytes, not 201.
		{"footnote references for the post's size", "[^n]: note\n\n" + strings.Repeat("[^n]", 200) + "\n" + pad(3200-13-800), 0, ""},
		{"footnote references beyond the post's size", "[^n]: note\n\n" + strings.Repeat("[^n]", 201) + "\n" + pad(3200-13-804), 3, "more than 200 footnote references in a post of 3200 bytes"},
		{"footnotes chained", repeatLines(5000, func(i int) string { return fmt.Sprintf("[^%d]: see [^%d]", i, i+1) }), 1001, "footnote references"},
		{"character classes are no footnotes", strings.Repeat("`[^a-z]` ", 100000), 0, ""},

		{"1000 reference definitions", repeatLines(1000, func(i int) string { return fmt.Sprintf("[r%d]: /u%d", i, i) }), 0, ""},
		{"1001 reference definitions", repeatLines(1001, func(i int) string { return fmt.Sprintf("[r%d]: /u%d", i, i) }), 1001, "reference definitions"},
		{"reference definitions apart", repeatLines(100000, func(i int) string { return fmt.Sprintf("[r%d]: /u%d\n", i, i) }), 0, ""},

		{"table at the limit", "|a|b|\n|-|-|\n" + repeatLines(99998, func(int) string { return "|x|y|" }), 0, ""},
		{"table beyond the limit", "a|b\n-|:-:\n" + repeatLines(99999, func(int) string { return "x|y" }), 100001, "200000 cells"},
		{"tables apart", repeatLines(500, func(int) string { return "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", 99) }), 0, ""},
		{"a thematic break is no table", "a\n---\n" + strings.Repeat("x|y\n", 300000), 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check([]byte(tc.src))
			switch {
			case tc.line == 0 && err != nil:
				t.Fatalf("line %d: %s; want no error", err.Line, err.Msg)
			case tc.line != 0 && err == nil:
				t.Fatalf("no error; want line %d", tc.line)
			case tc.line != 0 && (err.Line != tc.line || !strings.Contains(err.Msg, tc.msg)):
				t.Fatalf("line %d: %s; want line %d: …%s…", err.Line, err.Msg, tc.line, tc.msg)
			}
		})
	}
}

// FuzzCheck: Check never panics, and an error names a line of the source.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"[a](", "[a](<", `[a](\)`, "- x\n  - y", "[^a]: b\n\nc[^a]", "a|b\n-|-\nc|d", "[r]: /u\n[s]: /v"} {
		f.Add(strings.Repeat(s, 300))
	}
	f.Fuzz(func(t *testing.T, src string) {
		if err := Check([]byte(src)); err != nil && (err.Line < 1 || err.Line > strings.Count(src, "\n")+1) {
			t.Fatalf("line %d of a source of %d lines", err.Line, strings.Count(src, "\n")+1)
		}
	})
}
