package sitefeed

import (
	"strings"
	"unicode/utf8"
)

// cleanText repairs invalid UTF-8 (each bad byte becomes U+FFFD) and removes
// the characters XML 1.0 forbids: C0 controls other than tab, newline and
// carriage return, U+FFFE and U+FFFF, and lone surrogates. Every string
// that reaches a feed passes through it, so all three formats carry the same
// text.
func cleanText(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			return cleanSlow(s, i)
		}
	}
	return s
}

func cleanSlow(s string, from int) string {
	// Check the rest first: most non-ASCII text needs no change.
	bad := false
	for i, r := range s[from:] {
		if !xmlChar(r) || (r == utf8.RuneError && isBadByte(s, from+i)) {
			bad = true
			break
		}
	}
	if !bad {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:from])
	for i, r := range s[from:] {
		switch {
		case r == utf8.RuneError && isBadByte(s, from+i):
			b.WriteRune(utf8.RuneError)
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isBadByte(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size <= 1
}

// xmlChar reports whether r is a Char of XML 1.0.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}
