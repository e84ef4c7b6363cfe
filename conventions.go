package sitefeed

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitefeed/sitefeed/internal/frontmatter"
)

// titleFromName is the title Jekyll gives a post without one
// (Utils.titleize_slug): the file name without its date and extension,
// split into words on -, _ and spaces, each word capitalized as Ruby's
// String#capitalize does (first letter upper case, the rest lower case).
func titleFromName(file string) string {
	_, base := splitName(file)
	base = strings.TrimRight(base, ".")
	words := strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + strings.ToLower(w[n:])
	}
	return strings.Join(words, " ")
}

// jsFrontMatter reports a front matter block in JavaScript (Eleventy's
// ---js), which sitefeed cannot read without running it.
func jsFrontMatter(data []byte) *lineError {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	switch strings.TrimSpace(string(line)) {
	case "---js", "---javascript":
		return &lineError{line: 1, err: fmt.Errorf("%w: %s", ErrJSFrontMatter, strings.TrimSpace(string(line)))}
	}
	return nil
}

// asTags reads tags or categories: with spaces, a single string is split
// on spaces (Jekyll's rule), else on commas.
func asTags(f frontmatter.Field, spaces bool) ([]string, *lineError) {
	var tags []string
	var err *lineError
	if s, ok := f.Value.(string); ok && spaces {
		tags = strings.Fields(s)
	} else {
		tags, err = asStrings(f, true)
	}
	// Each tag split out of one string counts as a value of the front
	// matter, as each item of a list does.
	if len(tags) > frontmatter.MaxValues {
		return nil, &lineError{line: f.Line, err: fmt.Errorf("%w: %s: more than %d values", ErrSyntax, f.Key, frontmatter.MaxValues)}
	}
	return tags, err
}
