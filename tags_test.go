package sitefeed

import "testing"

// TestTagSlugSuffixes: tags whose slugs clash get -2, -3, … -10, -11 in
// the order of their keys.
func TestTagSlugSuffixes(t *testing.T) {
	var posts []*Post
	names := []string{"a!", "a?", "a-", "a.", "a,", "a;", "a:", "a'", "a(", "a)", "a*"}
	for _, n := range names {
		posts = append(posts, &Post{Tags: []string{n}})
	}
	groups, _ := groupTags(posts)
	seen := map[string]bool{}
	for _, g := range groups {
		seen[g.slug] = true
	}
	for _, want := range []string{"a", "a-2", "a-9", "a-10"} {
		if !seen[want] {
			t.Errorf("no tag has slug %q: %v", want, groups)
		}
	}
}
