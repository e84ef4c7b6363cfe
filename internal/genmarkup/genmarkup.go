// Package genmarkup turns the template syntax of static site generators in
// a post's body into the Markdown and HTML the generator would make of it,
// before the body is rendered as Markdown: Jekyll's Liquid, Hugo's
// shortcodes, and the ESM and JSX of MDX files. What it cannot follow it
// leaves out, with a warning naming the line, so that no template syntax
// reaches a reader.
//
// Links to other posts (Jekyll's post_url and link, Hugo's ref and relref)
// become relative links to the other post's source file, such as
// ../2024/2024-01-05-hello.md, which sitefeed turns into that post's URL
// when it builds the feeds.
package genmarkup

import (
	"bytes"
	"fmt"
)

// Syntax is the template language of a site's posts.
type Syntax int

// The template languages Transform knows.
const (
	None       Syntax = iota // Markdown only
	Liquid                   // Jekyll
	Shortcodes               // Hugo
)

// Options say what a body is written in and where it is.
type Options struct {
	// Syntax is the template language of the site.
	Syntax Syntax
	// MDX reads the body as MDX (a .mdx file): import and export lines and
	// JSX components are left out, their children's text kept.
	MDX bool
	// SiteURL is the site's absolute URL with its base path, such as
	// https://example.com/blog/. Liquid's site.url is its scheme and host,
	// site.baseurl its path without the final slash; "" leaves both empty.
	SiteURL string
	// Path is the post's slash-separated path, in the file system the
	// posts are read from. Links to other posts are made relative to its
	// folder.
	Path string
	// Root is the posts folder in that file system ("" or "."): Jekyll's
	// post_url names a post in it, a link path starting with _posts/ a
	// file in it, and Hugo's page references are tried in it as in Hugo's
	// content folder.
	Root string
	// Line is the line of the file on which the body starts; 0 means 1.
	Line int
	// Exists reports whether a file, named by its path in the posts
	// folder, is there; Hugo's ref and relref try the places Hugo looks in
	// with it. nil means the first place is taken.
	Exists func(name string) bool
}

// A Warning is something in the body that was left out or changed because
// it could not be followed.
type Warning struct {
	Line int    // line of the file
	Text string // what was left out, and why
}

func (w Warning) String() string { return fmt.Sprintf("%d: %s", w.Line, w.Text) }

// Needed reports whether body may hold syntax Transform changes; when it
// does not, Transform would return body as it is.
func Needed(body []byte, o *Options) bool {
	if o.MDX {
		return true
	}
	switch o.Syntax {
	case Liquid:
		return bytes.Contains(body, []byte("{%")) || bytes.Contains(body, []byte("{{"))
	case Shortcodes:
		return bytes.Contains(body, []byte("{{<")) || bytes.Contains(body, []byte("{{%"))
	}
	return false
}

// Transform returns body with the template syntax of o.Syntax rendered or
// left out, and a warning for each thing left out. A body that needs no
// change is returned as it is.
func Transform(body []byte, o *Options) ([]byte, []Warning) {
	if !Needed(body, o) {
		return body, nil
	}
	t := &transformer{o: o}
	out := body
	if o.MDX {
		out = t.mdx(out)
	}
	switch o.Syntax {
	case Liquid:
		out = t.pass(out, t.liquidRange)
	case Shortcodes:
		out = t.pass(out, t.shortcodeRange)
	}
	return out, t.warns
}

// pass runs render over the whole of in.
func (t *transformer) pass(in []byte, render func(out *bytes.Buffer, in []byte, from, to int)) []byte {
	t.src = in
	var out bytes.Buffer
	out.Grow(len(in))
	render(&out, in, 0, len(in))
	return out.Bytes()
}

// transformer holds what one Transform call found.
type transformer struct {
	o     *Options
	warns []Warning
	// src is the text the running pass reads; every pass keeps the lines
	// of its input, so an offset in it gives a line of the file.
	src []byte
}

// lineAt returns the file line of offset off in t.src.
func (t *transformer) lineAt(off int) int {
	first := t.o.Line
	if first <= 0 {
		first = 1
	}
	if off > len(t.src) {
		off = len(t.src)
	}
	return first + bytes.Count(t.src[:off], []byte("\n"))
}

func (t *transformer) warn(off int, format string, args ...any) {
	t.warns = append(t.warns, Warning{Line: t.lineAt(off), Text: fmt.Sprintf(format, args...)})
}

// clip shortens s for a warning.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
