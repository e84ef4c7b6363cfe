package sitefeed

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

var folder = cases.Fold()

// tagKey is what makes two spellings of a tag the same tag: Unicode
// normalisation (NFC), case folding and runs of white space.
func tagKey(name string) string {
	return folder.String(norm.NFC.String(strings.Join(strings.Fields(name), " ")))
}

// cleanTags trims tags, drops empty ones and later spellings of a tag
// already listed.
func cleanTags(tags []string) []string {
	if len(tags) == 0 {
		return nil
	}
	out := make([]string, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		t = norm.NFC.String(strings.Join(strings.Fields(cleanText(t)), " "))
		if t == "" {
			continue
		}
		k := tagKey(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}

// A tagGroup is one tag and the posts (indexes, newest first) that carry it.
type tagGroup struct {
	key, name, slug string
	posts           []int
}

// groupTags collects the tags of posts (already sorted newest first). The
// display name of a tag is its most used spelling, ties going to the
// spelling that sorts first; groups are sorted by key and given distinct
// slugs. keyOf maps each spelling to its key (a site has few spellings and
// many posts).
func groupTags(posts []*Post) (groups []tagGroup, keyOf map[string]string) {
	byKey := map[string]*tagGroup{}
	spellings := map[string]map[string]int{}
	keyOf = map[string]string{}
	for i, p := range posts {
		for _, t := range p.Tags {
			k, ok := keyOf[t]
			if !ok {
				k = tagKey(t)
				keyOf[t] = k
			}
			g := byKey[k]
			if g == nil {
				g = &tagGroup{key: k}
				byKey[k] = g
				spellings[k] = map[string]int{}
			}
			g.posts = append(g.posts, i)
			spellings[k][t]++
		}
	}
	groups = make([]tagGroup, 0, len(byKey))
	for k, g := range byKey {
		best, n := "", 0
		for s, c := range spellings[k] {
			if c > n || c == n && s < best {
				best, n = s, c
			}
		}
		g.name = best
		groups = append(groups, *g)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].key < groups[j].key })
	used := map[string]bool{}
	for i := range groups {
		base := TagSlug(groups[i].name)
		slug := base
		for n := 2; used[slug]; n++ {
			slug = base + "-" + strconv.Itoa(n)
		}
		used[slug] = true
		groups[i].slug = slug
	}
	return groups, keyOf
}

// maxSlugBytes bounds a tag slug, so that paths stay well inside file
// system limits.
const maxSlugBytes = 80

// punctuationWords keep tags such as C++ and C# apart in their slugs.
var punctuationWords = strings.NewReplacer("+", " plus ", "#", " sharp ", "&", " and ", "@", " at ")

// windowsReserved are names no file or folder may have on Windows.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// TagSlug returns the path segment of a tag: lower case, Unicode letters,
// marks and digits kept (राजनीति stays राजनीति), "+", "#", "&" and "@"
// spelled out, every other run of characters turned into "-", at most 80
// bytes. It is never empty, ".", "..", or a name Windows reserves. Build
// adds "-2", "-3", … when two tags share a slug.
func TagSlug(name string) string {
	s := strings.ToLower(norm.NFC.String(punctuationWords.Replace(name)))
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && b.Len() > 0 {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > maxSlugBytes {
				break
			}
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "tag"
	}
	if windowsReserved[slug] {
		slug += "-tag"
	}
	return slug
}

// slugify makes a post slug from a title.
func slugify(title string) string {
	s := TagSlug(title)
	if s == "tag" {
		return "post"
	}
	return s
}
