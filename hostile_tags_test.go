package sitefeed

import (
	"fmt"
	"strings"
)

// tagRows are hostile rows about the number of tags of a post: the output
// grows with its square, so Options.MaxTags bounds it, and tags split out
// of one string count towards the front matter's limit of values.
func tagRows() []hostileRow {
	list := func(n int, format string) string {
		tags := make([]string, n)
		for i := range tags {
			tags[i] = fmt.Sprintf(format, i)
		}
		return strings.Join(tags, ", ")
	}
	one := func(data string) map[string]string { return map[string]string{"posts/t.md": data} }
	return []hostileRow{
		{name: "tags: 2000 in one string", files: one(relPost("Tags", "tags: "+list(2000, "t%d"))),
			stage: relBuild, want: relWant{is: ErrTooManyTags, path: "posts/t.md", line: 4, mentions: []string{"2000 tags"}}},
		{name: "tags: 100000 in one string", files: one(relPost("Tags", "tags: "+list(100000, "t%d"))),
			stage: relLoad, want: relWant{is: ErrSyntax, path: "posts/t.md", line: 4, mentions: []string{"more than 10000 values"}}},
		{name: "tags: 100000 in one string split on spaces", files: one(relPost("Tags", "tags: "+strings.Repeat("a ", 100000))), load: &LoadOptions{SplitSpaces: true},
			stage: relLoad, want: relWant{is: ErrSyntax, path: "posts/t.md", line: 4}},
		{name: "tags: 300 that are 100 once merged", files: one(relPost("Tags", "tags: "+list(100, "t%d")+", "+list(100, "T%d")+", "+list(100, " t%d "))),
			titles: []string{"Tags"}},
		{name: "tags: 101 with no limit", files: one(relPost("Tags", "tags: "+list(101, "t%d"))), opts: Options{MaxTags: -1},
			titles: []string{"Tags"}},
		{name: "tags: 4 with a limit of 3", files: one(relPost("Tags", "tags: [a, b, c, d]")), opts: Options{MaxTags: 3},
			stage: relBuild, want: relWant{is: ErrTooManyTags, path: "posts/t.md", line: 4, mentions: []string{"4 tags, more than 3"}}},
	}
}
