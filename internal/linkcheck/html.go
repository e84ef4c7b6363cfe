package linkcheck

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs lists the attributes that hold one URL, by element; "*" applies
// to every element.
var urlAttrs = map[string][]string{
	"*":          {"href", "src"},
	"video":      {"poster"},
	"object":     {"data"},
	"q":          {"cite"},
	"blockquote": {"cite"},
	"del":        {"cite"},
	"ins":        {"cite"},
}

// htmlURLs returns the URLs in an HTML fragment, in document order: each
// href, src, srcset candidate, poster, data and cite.
func htmlURLs(fragment string) []string {
	if strings.TrimSpace(fragment) == "" {
		return nil
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var urls []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return urls
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			for _, a := range t.Attr {
				if a.Namespace != "" {
					continue
				}
				switch {
				case a.Key == "srcset":
					urls = append(urls, srcset(a.Val)...)
				case slices.Contains(urlAttrs["*"], a.Key) || slices.Contains(urlAttrs[t.Data], a.Key):
					urls = append(urls, a.Val)
				}
			}
		}
	}
}

// srcset returns the URLs of a srcset attribute, following the HTML
// standard's parsing of image candidate strings: a URL runs up to white
// space, a trailing comma ends it, and descriptors run to the next comma.
func srcset(v string) []string {
	var urls []string
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	i := 0
	for i < len(v) {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		start := i
		for i < len(v) && !isSpace(v[i]) {
			i++
		}
		u := v[start:i]
		ended := strings.HasSuffix(u, ",")
		u = strings.TrimRight(u, ",")
		if u != "" {
			urls = append(urls, u)
		}
		if ended {
			continue
		}
		depth := 0
		for i < len(v) && (depth > 0 || v[i] != ',') {
			switch v[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
			i++
		}
	}
	return urls
}

// templateMarks open the template tags of Liquid ({% %}, {{ }}) and Hugo
// ({{< >}}, {{% %}}), which a reader must never see as text.
var templateMarks = []string{"{%", "{{"}

// templateText returns the template tags found as text in an HTML
// fragment, outside <code> and <pre> (where a post may show them on
// purpose): each is the tag itself, or when it is not closed on its line
// the rest of the line, at most 60 bytes.
func templateText(fragment string) []string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var found []string
	inCode := 0
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return found
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			if string(name) != "code" && string(name) != "pre" {
				continue
			}
			if tt == html.StartTagToken {
				inCode++
			} else if inCode > 0 {
				inCode--
			}
		case html.TextToken:
			if inCode > 0 {
				continue
			}
			text := string(z.Text())
			for {
				i := firstMark(text)
				if i < 0 {
					break
				}
				s := text[i:]
				if j := closeMark(s); j >= 0 {
					s = s[:j]
				}
				if j := strings.IndexByte(s, '\n'); j >= 0 {
					s = s[:j]
				}
				if len(s) > 60 {
					s = s[:60]
				}
				found = append(found, s)
				text = text[i+2:]
			}
		}
	}
}

// closeMark returns the index just past the end of the tag s opens, or -1.
func closeMark(s string) int {
	end := "}}"
	if strings.HasPrefix(s, "{%") {
		end = "%}"
	}
	if i := strings.Index(s[2:], end); i >= 0 {
		return i + 4
	}
	return -1
}

// firstMark returns the index of the first template mark in s, or -1.
func firstMark(s string) int {
	first := -1
	for _, m := range templateMarks {
		if i := strings.Index(s, m); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}
