package genmarkup

import (
	"bytes"
	"net/url"
	"path"
	"strings"
)

// relLink returns a relative link from the folder of the post at from to
// the file target, both paths in the posts folder, with fragment (which
// starts with "#", or is "") added: "../2024/2024-01-05-hello.md#notes".
func relLink(from, target, fragment string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	to := strings.Split(path.Clean(target), "/")
	n := 0
	for n < len(fromDir) && n < len(to)-1 && fromDir[n] == to[n] {
		n++
	}
	var b strings.Builder
	for range fromDir[n:] {
		b.WriteString("../")
	}
	if b.Len() == 0 {
		b.WriteString("./")
	}
	b.WriteString(strings.Join(to[n:], "/"))
	return (&url.URL{Path: b.String()}).EscapedPath() + fragment
}

// textOnly leaves the text of a Markdown link whose destination cannot be
// given: when out ends with "[text](" and the destination is followed by
// ")" at in[next], it replaces the link in out by its text and returns the
// offset after the ")". Otherwise it returns next and changes nothing.
func textOnly(out *bytes.Buffer, in []byte, next int) int {
	b := out.Bytes()
	if !bytes.HasSuffix(b, []byte("](")) || next >= len(in) || in[next] != ')' {
		return next
	}
	depth := 0
	for i := len(b) - 3; i >= 0; i-- {
		switch b[i] {
		case ']':
			depth++
		case '[':
			if depth > 0 {
				depth--
				continue
			}
			text := bytes.Clone(b[i+1 : len(b)-2])
			if i > 0 && b[i-1] == '!' {
				i-- // an image: its alt text
			}
			out.Truncate(i)
			out.Write(text)
			return next + 1
		case '\n':
			if i > 0 && b[i-1] == '\n' {
				return next // a paragraph ended
			}
		}
	}
	return next
}
