package permalink

import (
	"fmt"
	"strings"
)

// JekyllStyles are Jekyll's named permalink styles (Jekyll's
// Configuration::STYLE_TO_PERMALINK); "date" is Jekyll's default.
var JekyllStyles = map[string]string{
	"none":     "/:categories/:title:output_ext",
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

// jekyll maps Jekyll's placeholders (Jekyll::Drops::UrlDrop) to
// sitefeed's. Jekyll's :title and :slug are made from the front matter
// slug or the file name's, as {slug_pretty} and {slug_lower} are;
// :output_ext is .html for Markdown.
var jekyll = map[string]string{
	"year": "{year}", "short_year": "{short_year}",
	"month": "{month}", "i_month": "{i_month}",
	"day": "{day}", "i_day": "{i_day}", "y_day": "{y_day}",
	"hour": "{hour}", "minute": "{minute}", "second": "{second}",
	"title": "{slug_pretty}", "slug": "{slug_lower}", "name": "{name}",
	"categories": "{categories}", "output_ext": ".html",
}

// hugo maps Hugo's [permalinks] tokens to sitefeed's.
var hugo = map[string]string{
	"year": "{year}", "month": "{month}", "day": "{day}", "yearday": "{y_day}",
	"section": "{section}", "sections": "{sections}",
	"title": "{title}", "slug": "{slug_or_title}",
	"filename": "{filename}", "contentbasename": "{filename}",
	"slugorfilename": "{slug}", "slugorcontentbasename": "{slug}",
}

// FromJekyll translates a Jekyll permalink (a pattern, or a named style
// such as "pretty") into sitefeed's syntax. A placeholder without an
// equivalent is an *UnknownError naming it.
func FromJekyll(rule string) (string, error) {
	if r, ok := JekyllStyles[rule]; ok {
		rule = r
	}
	return convert(rule, jekyll)
}

// FromHugo translates a Hugo [permalinks] pattern into sitefeed's syntax.
// With lower, the URL is in lower case, as Hugo makes it unless
// disablePathToLower is set. A token without an equivalent is an
// *UnknownError naming it.
func FromHugo(rule string, lower bool) (string, error) {
	if !lower {
		return convert(rule, hugo)
	}
	lowered := make(map[string]string, len(hugo))
	for k, v := range hugo {
		if _, date := dateParts[strings.Trim(v, "{}")]; !date {
			v = strings.TrimSuffix(v, "}") + "|lower}"
		}
		lowered[k] = v
	}
	return convert(strings.ToLower(rule), lowered)
}

// convert replaces each :name placeholder of pattern with repl[name].
// Names are the longest run of letters and underscores, as Hugo and Jekyll
// read them; a name ending in "_" may also be the name without it
// (Jekyll's ":title_" rule). A "{" or "}" is escaped, so that it stays
// text.
func convert(pattern string, repl map[string]string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if c != ':' {
			switch c {
			case '{':
				b.WriteString("%7B")
			case '}':
				b.WriteString("%7D")
			default:
				b.WriteByte(c)
			}
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] == '_' || pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] >= 'A' && pattern[j] <= 'Z') {
			j++
		}
		name := pattern[i+1 : j]
		if name == "" {
			b.WriteByte(c)
			continue
		}
		r, ok := repl[name]
		if !ok && strings.HasSuffix(name, "_") {
			r, ok = repl[strings.TrimSuffix(name, "_")]
			if ok {
				r += "_"
			}
		}
		if !ok {
			return "", &UnknownError{Pattern: pattern, Name: ":" + name, Offset: i}
		}
		b.WriteString(r)
		i = j - 1
	}
	return b.String(), nil
}

// ErrTemplate is the cause given for an Eleventy permalink that is a
// template (holds {{ or {%), which sitefeed does not evaluate.
var ErrTemplate = fmt.Errorf("a template, which sitefeed does not evaluate")

// IsTemplate reports whether a front matter permalink is a Liquid or
// Nunjucks template rather than a path.
func IsTemplate(s string) bool {
	return strings.Contains(s, "{{") || strings.Contains(s, "{%")
}
