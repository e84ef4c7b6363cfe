package genmarkup

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"strings"
)

// A shortcode is one {{< … >}} or {{% … %}} of a Hugo page.
type shortcode struct {
	start, end  int
	markdown    bool // {{% … %}}
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name />}}
	comment     string
	isComment   bool // {{</* … */>}}, printed as {{< … >}}
	name        string
	pos         []string
	named       map[string]string
}

// get returns the named argument, else the positional one at i (-1: none).
func (s *shortcode) get(name string, i int) string {
	if v, ok := s.named[name]; ok {
		return v
	}
	if i >= 0 && i < len(s.pos) {
		return s.pos[i]
	}
	return ""
}

// nextShortcode finds the next shortcode at or after from. A shortcode
// that is never closed is reported with ok false and its start.
func nextShortcode(in []byte, from int) (sc shortcode, found, ok bool) {
	for i := from; i+3 <= len(in); i++ {
		k := bytes.Index(in[i:], []byte("{{"))
		if k < 0 || i+k+3 > len(in) {
			return sc, false, false
		}
		i += k
		if c := in[i+2]; c != '<' && c != '%' {
			continue
		}
		sc, ok = parseShortcode(in, i)
		return sc, true, ok
	}
	return sc, false, false
}

// parseShortcode reads the shortcode that starts at in[i].
func parseShortcode(in []byte, i int) (shortcode, bool) {
	sc := shortcode{start: i, markdown: in[i+2] == '%'}
	closeDelim := ">}}"
	if sc.markdown {
		closeDelim = "%}}"
	}
	j := skipBlank(in, i+3)
	if bytes.HasPrefix(in[j:], []byte("/*")) {
		k := bytes.Index(in[j+2:], []byte("*/"))
		if k < 0 {
			return sc, false
		}
		k += 2
		e := skipBlank(in, j+k+2)
		if !bytes.HasPrefix(in[e:], []byte(closeDelim)) {
			return sc, false
		}
		sc.isComment = true
		sc.comment = string(in[i:i+3]) + string(in[j+2:j+k]) + closeDelim
		sc.end = e + 3
		return sc, true
	}
	if j < len(in) && in[j] == '/' {
		sc.closing = true
		j = skipBlank(in, j+1)
	}
	n := j
	for n < len(in) && isNameByte(in[n]) {
		n++
	}
	sc.name = string(in[j:n])
	if sc.name == "" {
		return sc, false
	}
	j = n
	for {
		j = skipBlank(in, j)
		switch {
		case j >= len(in):
			return sc, false
		case bytes.HasPrefix(in[j:], []byte(closeDelim)):
			sc.end = j + 3
			return sc, true
		case in[j] == '/' && bytes.HasPrefix(in[j+1:], []byte(closeDelim)):
			sc.selfClosing = true
			sc.end = j + 4
			return sc, true
		}
		key := ""
		if in[j] != '"' && in[j] != '`' {
			k := j
			for k < len(in) && isNameByte(in[k]) {
				k++
			}
			if k < len(in) && in[k] == '=' && k > j {
				key, j = string(in[j:k]), k+1
			}
		}
		v, next, ok := shortcodeValue(in, j, closeDelim)
		if !ok {
			return sc, false
		}
		j = next
		if key != "" {
			if sc.named == nil {
				sc.named = map[string]string{}
			}
			sc.named[key] = v
		} else {
			sc.pos = append(sc.pos, v)
		}
	}
}

// shortcodeValue reads one argument: "quoted", `raw`, or a bare word.
func shortcodeValue(in []byte, j int, closeDelim string) (string, int, bool) {
	if j >= len(in) {
		return "", j, false
	}
	switch in[j] {
	case '"':
		var b strings.Builder
		for k := j + 1; k < len(in); k++ {
			switch in[k] {
			case '\\':
				if k+1 < len(in) {
					k++
					b.WriteByte(in[k])
				}
			case '"':
				return b.String(), k + 1, true
			default:
				b.WriteByte(in[k])
			}
		}
		return "", j, false
	case '`':
		k := bytes.IndexByte(in[j+1:], '`')
		if k < 0 {
			return "", j, false
		}
		return string(in[j+1 : j+1+k]), j + k + 2, true
	}
	k := j
	for k < len(in) && !isSpace(in[k]) && !bytes.HasPrefix(in[k:], []byte(closeDelim)) &&
		!(in[k] == '/' && bytes.HasPrefix(in[k+1:], []byte(closeDelim))) {
		k++
	}
	if k == j {
		return "", j, false
	}
	return string(in[j:k]), k, true
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func skipBlank(in []byte, j int) int {
	for j < len(in) && isSpace(in[j]) {
		j++
	}
	return j
}

// pairedShortcodes are the built-in shortcodes that take content.
var pairedShortcodes = map[string]bool{"highlight": true, "details": true, "comment": true}

// builtinShortcodes are the other built-in shortcodes rendered here.
var builtinShortcodes = map[string]bool{
	"figure": true, "youtube": true, "vimeo": true, "ref": true, "relref": true,
	"gist": true, "x": true, "tweet": true, "twitter": true, "instagram": true,
	"x_simple": true, "twitter_simple": true, "vimeo_simple": true, "instagram_simple": true,
}

// shortcodeRange renders Hugo's shortcodes in in[from:to] into out (Hugo
// renders them in code blocks too; the comment form {{</* … */>}} prints
// one as text).
func (t *transformer) shortcodeRange(out *bytes.Buffer, in []byte, from, to int) {
	i := from
	for i < to {
		sc, found, ok := nextShortcode(in[:to], i)
		if !found {
			out.Write(in[i:to])
			return
		}
		out.Write(in[i:sc.start])
		if !ok {
			t.warn(sc.start, "Hugo shortcode is never closed: kept as text")
			out.Write(in[sc.start : sc.start+3])
			i = sc.start + 3
			continue
		}
		i = sc.end
		switch {
		case sc.isComment:
			out.WriteString(sc.comment)
			continue
		case sc.closing:
			t.warn(sc.start, "closing Hugo shortcode %q without its opening one left out", clip(sc.name, 40))
			continue
		}
		inline := strings.HasSuffix(sc.name, ".inline")
		paired := !sc.selfClosing && (pairedShortcodes[sc.name] || inline || !builtinShortcodes[sc.name])
		innerStart, innerEnd := i, i
		if paired {
			end, ok := findClose(in[:to], i, sc.name)
			if ok {
				innerEnd, i = end.start, end.end
			} else if pairedShortcodes[sc.name] {
				t.warn(sc.start, "Hugo shortcode %q is never closed: the rest taken as its content", sc.name)
				innerEnd, i = to, to
			} else {
				paired = false
			}
		}
		if inline {
			// Its content is the template that defines it: shown as it is
			// when it holds no template action, as Hugo (with inline
			// shortcodes enabled, the only reason to write one) shows it.
			if bytes.Contains(in[innerStart:innerEnd], []byte("{{")) {
				t.warn(sc.start, "Hugo inline shortcode %q left out with its template", clip(sc.name, 40))
			} else {
				out.Write(in[innerStart:innerEnd])
			}
			continue
		}
		switch sc.name {
		case "comment":
		case "highlight":
			var code bytes.Buffer
			t.shortcodeRange(&code, in, innerStart, innerEnd)
			writeCode(out, sc.get("", 0), dedent(strings.Trim(code.String(), "\n\r")))
		case "details":
			summary := sc.get("summary", -1)
			if summary == "" {
				summary = "Details"
			}
			out.WriteString("<details")
			if v := sc.get("open", -1); v == "true" {
				out.WriteString(" open")
			}
			out.WriteString("><summary>" + markdownify(summary) + "</summary>\n\n")
			t.shortcodeRange(out, in, innerStart, innerEnd)
			out.WriteString("\n\n</details>")
		case "figure":
			t.figure(out, &sc)
		case "youtube", "vimeo":
			t.video(out, &sc)
		case "ref", "relref":
			i = t.ref(out, in, &sc, i)
		case "gist", "x", "tweet", "twitter", "instagram", "x_simple", "twitter_simple", "vimeo_simple", "instagram_simple":
			t.socialLink(out, &sc)
		default:
			t.warn(sc.start, "unknown Hugo shortcode %q left out", clip(sc.name, 40))
			if paired {
				t.shortcodeRange(out, in, innerStart, innerEnd)
			}
		}
	}
}

// findClose finds the {{< /name >}} that closes a shortcode opened before
// from, counting those of the same name opened inside it.
func findClose(in []byte, from int, name string) (shortcode, bool) {
	depth := 0
	for i := from; ; {
		sc, found, ok := nextShortcode(in, i)
		if !found {
			return sc, false
		}
		if !ok {
			i = sc.start + 3
			continue
		}
		i = sc.end
		switch {
		case sc.name != name || sc.isComment || sc.selfClosing:
		case !sc.closing:
			depth++
		case depth == 0:
			return sc, true
		default:
			depth--
		}
	}
}

// figure writes Hugo's figure shortcode.
func (t *transformer) figure(out *bytes.Buffer, sc *shortcode) {
	attr := func(name, v string) {
		if v != "" {
			out.WriteString(" " + name + `="` + html.EscapeString(v) + `"`)
		}
	}
	src := sc.get("src", -1)
	if src == "" {
		t.warn(sc.start, `Hugo shortcode "figure" without src left out`)
		return
	}
	out.WriteString("<figure")
	attr("class", sc.get("class", -1))
	out.WriteString(">")
	link := sc.get("link", -1)
	if link != "" {
		out.WriteString("<a")
		attr("href", link)
		attr("target", sc.get("target", -1))
		attr("rel", sc.get("rel", -1))
		out.WriteString(">")
	}
	out.WriteString("<img")
	attr("src", src)
	caption, alt := sc.get("caption", -1), sc.get("alt", -1)
	if alt != "" {
		attr("alt", alt)
	} else if caption != "" {
		out.WriteString(` alt="` + stripTags(markdownify(caption)) + `"`)
	}
	attr("width", sc.get("width", -1))
	attr("height", sc.get("height", -1))
	attr("loading", sc.get("loading", -1))
	out.WriteString(">")
	if link != "" {
		out.WriteString("</a>")
	}
	title, attribution := sc.get("title", -1), sc.get("attr", -1)
	if title != "" || caption != "" || attribution != "" {
		out.WriteString("<figcaption>")
		if title != "" {
			out.WriteString("<h4>" + html.EscapeString(title) + "</h4>")
		}
		if caption != "" || attribution != "" {
			out.WriteString("<p>" + markdownify(caption))
			if al := sc.get("attrlink", -1); al != "" {
				out.WriteString(`<a href="` + html.EscapeString(al) + `">` + markdownify(attribution) + "</a>")
			} else {
				out.WriteString(markdownify(attribution))
			}
			out.WriteString("</p>")
		}
		out.WriteString("</figcaption>")
	}
	out.WriteString("</figure>")
}

// video writes Hugo's youtube and vimeo shortcodes: an iframe in a div.
func (t *transformer) video(out *bytes.Buffer, sc *shortcode) {
	id := sc.get("id", 0)
	if id == "" {
		t.warn(sc.start, "Hugo shortcode %q without a video id left out", sc.name)
		return
	}
	var src, title, allow string
	if sc.name == "youtube" {
		src = "https://www.youtube.com/embed/" + url.PathEscape(id)
		q := url.Values{}
		for _, k := range []string{"start", "end"} {
			if v := sc.get(k, -1); v != "" && v != "0" {
				q.Set(k, v)
			}
		}
		if len(q) > 0 {
			src += "?" + q.Encode()
		}
		title, allow = "YouTube video", "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share; fullscreen"
	} else {
		src = "https://player.vimeo.com/video/" + url.PathEscape(id) + "?dnt=0"
		title, allow = "Vimeo video", "fullscreen"
	}
	if v := sc.get("title", -1); v != "" {
		title = v
	}
	// The sandbox lets the player run where feeds keep iframes only in one.
	out.WriteString(`<div><iframe allow="` + allow + `" sandbox="allow-scripts allow-same-origin allow-popups" src="` +
		html.EscapeString(src) + `" title="` + html.EscapeString(title) + `"></iframe></div>`)
}

// socialLink writes gist, x, tweet, instagram and the _simple forms of
// Hugo's embeds as a link to what they show.
func (t *transformer) socialLink(out *bytes.Buffer, sc *shortcode) {
	var u string
	switch sc.name {
	case "gist":
		user, id := sc.get("user", 0), sc.get("id", 1)
		if user != "" && id != "" {
			u = "https://gist.github.com/" + url.PathEscape(user) + "/" + url.PathEscape(id)
			if f := sc.get("file", 2); f != "" {
				u += "#file-" + strings.ReplaceAll(url.PathEscape(f), ".", "-")
			}
		}
	case "instagram", "instagram_simple":
		if id := sc.get("id", 0); id != "" {
			u = "https://www.instagram.com/p/" + url.PathEscape(id) + "/"
		}
	case "vimeo_simple":
		if id := sc.get("id", 0); id != "" {
			u = "https://vimeo.com/" + url.PathEscape(id)
		}
	default: // x, tweet, twitter and their _simple forms
		user, id := sc.get("user", -1), sc.get("id", 0)
		if len(sc.pos) == 2 {
			user, id = sc.pos[0], sc.pos[1]
		}
		if user == "" {
			user = "i"
		}
		if id != "" {
			u = "https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id)
		}
	}
	if u == "" {
		t.warn(sc.start, "Hugo shortcode %q without the post it shows left out", sc.name)
		return
	}
	e := html.EscapeString(u)
	out.WriteString(`<a href="` + e + `">` + e + "</a>")
}

// ref writes Hugo's ref and relref as a relative link to the other post's
// source file, found where Hugo looks: next to the page, then in the
// content folder (the posts folder is a section of it, so leading
// folders of the path are tried away one by one). It returns where the
// text after the shortcode starts.
func (t *transformer) ref(out *bytes.Buffer, in []byte, sc *shortcode, next int) int {
	raw := sc.get("path", 0)
	p, frag, _ := strings.Cut(raw, "#")
	if frag != "" {
		frag = "#" + (&url.URL{Fragment: frag}).EscapedFragment()
	}
	if p == "" && frag != "" {
		out.WriteString(frag)
		return next
	}
	if target, ok := t.findPost(p); ok {
		out.WriteString(relLink(t.o.Path, target, frag))
		return next
	}
	t.warn(sc.start, "Hugo %s %q: no such post; its link text kept", sc.name, clip(raw, 80))
	return textOnly(out, in, next)
}

// findPost finds the file a Hugo page reference names.
func (t *transformer) findPost(p string) (string, bool) {
	if p == "" {
		return "", false
	}
	var bases []string
	if !strings.HasPrefix(p, "/") {
		bases = append(bases, path.Join(path.Dir(t.o.Path), p))
	}
	segs := strings.Split(strings.Trim(path.Clean("/"+p), "/"), "/")
	for k := range segs {
		bases = append(bases, path.Join(t.o.Root, strings.Join(segs[k:], "/")))
	}
	for _, b := range bases {
		if b == "" || b == "." || b == ".." || strings.HasPrefix(b, "../") || b == t.o.Root {
			continue
		}
		cands := []string{b + ".md", b + "/index.md", b + ".markdown", b + ".mdx"}
		if isSource(b) {
			cands = []string{b}
		}
		for _, c := range cands {
			if t.o.Exists == nil || t.o.Exists(c) {
				return c, true
			}
		}
	}
	return "", false
}

// dedent removes the indentation all non-blank lines of s share.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}
