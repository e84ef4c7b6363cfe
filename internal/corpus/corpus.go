// Package corpus generates a deterministic set of Markdown blog posts with
// YAML front matter, shaped like the content folder of an Astro site, for
// benchmarks.
//
// The same Options always yield byte-identical files. Post i is generated
// from its own PCG stream, so the first posts of a larger corpus equal those
// of a smaller one with the same seed, except for which posts their
// relative links point to.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options control Generate. The zero value is usable except N.
type Options struct {
	N    int   // number of posts
	Seed int64 // 0 means 1
}

// Generate writes N posts (and their local hero images) under dir on disk,
// creating folders. It writes exactly the files Files returns, one at a time.
func Generate(dir string, opts Options) error {
	if opts.N < 1 {
		return fmt.Errorf("corpus: N must be positive, got %d", opts.N)
	}
	made := make(map[string]bool)
	return Each(opts, func(name string, data []byte) error {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(full, data, 0o644)
	})
}

// Files returns the same corpus in memory: path (slash-separated, relative
// to the root) -> contents. It returns an empty map if N < 1.
func Files(opts Options) map[string][]byte {
	files := make(map[string][]byte, opts.N+opts.N/16)
	_ = Each(opts, func(name string, data []byte) error {
		files[name] = append([]byte(nil), data...)
		return nil
	})
	return files
}

// Each generates the corpus one file at a time, in a fixed order, calling fn
// with each slash-separated relative path and its contents. data is only
// valid during the call. Each stops at, and returns, the first error from fn.
func Each(opts Options, fn func(path string, data []byte) error) error {
	seed := uint64(opts.Seed)
	if opts.Seed == 0 {
		seed = 1
	}
	g := &generator{seed: seed, n: opts.N}
	g.src = rand.NewPCG(0, 0)
	g.r = rand.New(g.src)
	g.tsrc = rand.NewPCG(0, 0)
	g.tr = rand.New(g.tsrc)
	for i := range opts.N {
		if err := g.post(i, fn); err != nil {
			return err
		}
	}
	return nil
}

var (
	minDate  = time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate  = time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC)
	dateDays = int(maxDate.Sub(minDate).Hours() / 24)
)

// tagCum holds cumulative Zipf weights (s = 1) over tagVocab, in integers
// so that picks are the same on every platform.
var tagCum = func() []uint64 {
	cum := make([]uint64, len(tagVocab))
	var sum uint64
	for k := range tagVocab {
		sum += 1_000_000 / uint64(k+1)
		cum[k] = sum
	}
	return cum
}()

type generator struct {
	seed uint64
	n    int
	src  *rand.PCG // per-post stream
	r    *rand.Rand
	tsrc *rand.PCG // per-post title stream, so any post's slug can be recomputed
	tr   *rand.Rand
	b    []byte // file being built
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T {
	return list[r.IntN(len(list))]
}

// title returns the headline of post i.
func (g *generator) title(i int) string {
	g.tsrc.Seed(g.seed, uint64(i)<<1|1)
	r := g.tr
	switch r.IntN(8) {
	case 0:
		return pick(r, people) + " " + pick(r, headVerbs) + " " + pick(r, topics) + ", Says " + pick(r, claims)
	case 1:
		return "The " + pick(r, orgs) + " " + pick(r, headVerbs) + " " + pick(r, topics) + " Amid " + pick(r, events)
	case 2:
		a := pick(r, topics)
		b := pick(r, topics)
		for b == a {
			b = pick(r, topics)
		}
		return a + " & " + b + ": What " + pick(r, groups) + " Need to Know"
	case 3:
		return pick(r, people) + " Calls " + pick(r, topics) + ` "` + pick(r, adjectives) + `"`
	case 4:
		return "Why " + pick(r, topics) + " Matters for " + pick(r, groups) + " in " + strconv.Itoa(2015+r.IntN(11))
	case 5:
		return pick(r, places) + "'s " + pick(r, topics) + ": " + pick(r, orgs) + " " + pick(r, headVerbs) + " Plan After " + pick(r, events)
	case 6:
		return pick(r, orgs) + " " + pick(r, headVerbs) + " " + pick(r, topics) + "; " + pick(r, groups) + " React"
	default:
		return "Explained: " + pick(r, topics) + " and Its Impact on " + pick(r, groups)
	}
}

// slug returns the file slug of post i: its headline, lower-cased and
// hyphenated, followed by the post number.
func (g *generator) slug(i int) string {
	return slugify(g.title(i), 60) + "-" + strconv.Itoa(i+1)
}

var fold = map[rune]byte{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n',
}

// slugify lower-cases s, folds common accented letters to ASCII, replaces
// every other run of characters with one hyphen and cuts the result to at
// most max bytes at a hyphen.
func slugify(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if f, ok := fold[c]; ok {
			c = rune(f)
		}
		switch {
		case c == '\'':
			// "Nation's" -> "nations"
		case c < utf8.RuneSelf && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		default:
			dash = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if k := strings.LastIndexByte(out, '-'); k > 0 {
			out = out[:k]
		}
	}
	return out
}

// anchor returns the fragment id a GitHub-style slugger gives a heading.
func anchor(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c == ' ':
			b.WriteByte('-')
		case c == '-' || c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// dq returns s as a YAML double-quoted scalar.
func dq(s string) string {
	if !strings.ContainsAny(s, `"\`) {
		return `"` + s + `"`
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}

// sq returns s as a YAML single-quoted scalar.
func sq(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// plainOK reports whether s can be written as a YAML plain scalar and read
// back as the same string.
func plainOK(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(s[0])) {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~":
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err != nil
}

// post generates post i and passes its files to fn.
func (g *generator) post(i int, fn func(string, []byte) error) error {
	title := g.title(i)
	slug := slugify(title, 60) + "-" + strconv.Itoa(i+1)

	g.src.Seed(g.seed, uint64(i)<<1)
	r := g.r

	pub := minDate.Add(time.Duration(r.IntN(dateDays+1))*24*time.Hour +
		time.Duration(r.IntN(24*60))*time.Minute)

	// Layout of the file.
	var name string
	depth := 2 // folders between the content root's parent and the post
	bundle := false
	switch k := r.IntN(100); {
	case k < 5:
		bundle = true
		name = "posts/" + slug + "/index.md"
		depth = 3
	case k < 15:
		name = "posts/" + strconv.Itoa(pub.Year()) + "/" + slug + ".md"
		depth = 3
	default:
		name = "posts/" + slug + ".md"
	}

	b := g.b[:0]
	b = append(b, "---\n"...)

	// title
	b = append(b, "title: "...)
	switch k := r.IntN(100); {
	case k < 10 && plainOK(title):
		b = append(b, title...)
	case k < 20:
		b = append(b, sq(title)...)
	default:
		b = append(b, dq(title)...)
	}
	b = append(b, '\n')

	// description
	if r.IntN(100) >= 20 {
		b = append(b, "description: "...)
		b = append(b, dq(g.description())...)
		b = append(b, '\n')
	}

	// dates
	switch k := r.IntN(100); {
	case k < 60:
		b = append(b, "pubDate: "...)
	case k < 85:
		b = append(b, "date: "...)
	default:
		b = append(b, "publishDate: "...)
	}
	dateStyle := r.IntN(100)
	b = appendDate(b, r, pub, dateStyle)
	b = append(b, '\n')
	if r.IntN(100) < 10 {
		upd := pub.Add(time.Duration(1+r.IntN(400))*24*time.Hour + time.Duration(r.IntN(600))*time.Minute)
		if upd.After(maxDate) {
			upd = maxDate
		}
		b = append(b, "updatedDate: "...)
		b = appendDate(b, r, upd, dateStyle)
		b = append(b, '\n')
	}

	// hero
	if bundle {
		b = append(b, "hero: \"./hero.jpg\"\n"...)
	} else {
		switch k := r.IntN(95); {
		case k < 70:
			b = append(b, "hero: "...)
			b = append(b, dq(g.remoteImage(pub))...)
			b = append(b, '\n')
		case k < 80:
			b = append(b, "hero: \"/images/"...)
			b = append(b, pick(r, imageNames)...)
			b = append(b, '-')
			b = strconv.AppendInt(b, int64(i+1), 10)
			b = append(b, ".jpg\"\n"...)
		}
	}

	// tags
	tags := g.tags()
	b = append(b, "tags: ["...)
	for k, t := range tags {
		if k > 0 {
			b = append(b, ", "...)
		}
		b = append(b, dq(t)...)
	}
	b = append(b, "]\n"...)

	if r.IntN(100) < 5 {
		b = append(b, "draft: true\n"...)
	}
	b = append(b, "layout: \""...)
	b = append(b, strings.Repeat("../", depth)...)
	b = append(b, "layouts/BlogPostLayout.astro\"\n---\n"...)

	b = g.body(b, pub, tags)
	g.b = b
	if err := fn(name, b); err != nil {
		return err
	}
	if bundle {
		return fn(path.Join(path.Dir(name), "hero.jpg"), heroJPEG(i+1))
	}
	return nil
}

// appendDate writes t in one of the date styles seen in real front matter.
func appendDate(b []byte, r *rand.Rand, t time.Time, style int) []byte {
	switch {
	case style < 45:
		b = append(b, '"')
		b = t.AppendFormat(b, "2006-01-02")
		return append(b, '"')
	case style < 70:
		tz := pick(r, timeZones)
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), 0, 0, time.FixedZone(tz.name, tz.offset))
		if tz.offset == 0 {
			return t.AppendFormat(b, "2006-01-02T15:04:05Z07:00")
		}
		return t.AppendFormat(b, "2006-01-02T15:04:05-07:00")
	case style < 85:
		b = append(b, '\'')
		b = t.AppendFormat(b, "Jan 02 2006")
		return append(b, '\'')
	default:
		b = append(b, '"')
		b = t.AppendFormat(b, "2006-01-02 15:04")
		return append(b, '"')
	}
}

// tags returns 1 to 4 distinct Zipf-weighted tags.
func (g *generator) tags() []string {
	r := g.r
	n := 1
	switch k := r.IntN(100); {
	case k < 30:
		n = 1
	case k < 65:
		n = 2
	case k < 90:
		n = 3
	default:
		n = 4
	}
	out := make([]string, 0, n)
	total := tagCum[len(tagCum)-1]
	for len(out) < n {
		x := r.Uint64N(total)
		lo, hi := 0, len(tagCum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if tagCum[mid] <= x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		t := tagVocab[lo]
		dup := false
		for _, s := range out {
			dup = dup || s == t
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

const hexDigits = "0123456789abcdef"

func (g *generator) hex(b []byte, n int) []byte {
	for range n {
		b = append(b, hexDigits[g.r.IntN(16)])
	}
	return b
}

// remoteImage returns an https hero URL in one of several CDN styles.
func (g *generator) remoteImage(pub time.Time) string {
	r := g.r
	b := make([]byte, 0, 160)
	switch r.IntN(6) {
	case 0:
		b = append(b, "https://images.deccanherald.com/deccanherald%2F"...)
		b = pub.AppendFormat(b, "2006-01")
		b = append(b, "%2F"...)
		b = g.hex(b, 8)
		b = append(b, ".jpg?rect=0%2C0%2C1000%2C563&auto=format%2Ccompress&fmt=webp&fit=max&w=1200"...)
	case 1:
		b = append(b, "https://images.unsplash.com/photo-"...)
		b = strconv.AppendInt(b, 1500000000000+r.Int64N(200000000000), 10)
		b = append(b, '-')
		b = g.hex(b, 12)
		b = append(b, "?w=1200&fmt=webp&q=80"...)
	case 2:
		b = append(b, "https://cdn.example.com/uploads/"...)
		b = pub.AppendFormat(b, "2006/01/")
		b = append(b, pick(r, imageNames)...)
		b = append(b, ".png"...)
	case 3:
		b = append(b, "https://static.example.net/media/"...)
		b = g.hex(b, 16)
		b = append(b, ".webp"...)
	case 4:
		b = append(b, "https://img.example.org/"...)
		b = strconv.AppendInt(b, int64(pub.Year()), 10)
		b = append(b, '/')
		b = append(b, pick(r, imageNames)...)
		b = append(b, ".avif"...)
	default:
		b = append(b, "https://example.com/images/"...)
		b = append(b, pick(r, imageNames)...)
		b = append(b, '-')
		b = g.hex(b, 6)
		b = append(b, ".jpg"...)
	}
	return string(b)
}

// description returns a summary of about 25 words.
func (g *generator) description() string {
	r := g.r
	var s []byte
	if r.IntN(2) == 0 {
		s = append(s, pick(r, places)...)
		s = append(s, ": "...)
	}
	for k := 0; k < 3; k++ {
		s = g.sentence(s, nil, false, "")
		s = append(s, ' ')
	}
	words := strings.Fields(string(s))
	n := 22 + r.IntN(7)
	if n > len(words) {
		n = len(words)
	}
	d := strings.Join(words[:n], " ")
	d = strings.TrimRight(d, ",.;:")
	if r.IntN(3) == 0 {
		return d + " ..."
	}
	return d + "."
}

// capFirst appends s with its first letter upper-cased.
func capFirst(b []byte, s string) []byte {
	if s == "" {
		return b
	}
	c, n := utf8.DecodeRuneInString(s)
	b = utf8.AppendRune(b, unicode.ToUpper(c))
	return append(b, s[n:]...)
}

// lowerFirst appends s with its first letter lower-cased.
func lowerFirst(b []byte, s string) []byte {
	c, n := utf8.DecodeRuneInString(s)
	b = utf8.AppendRune(b, unicode.ToLower(c))
	return append(b, s[n:]...)
}

// bodyCtx is what sentences may link to.
type bodyCtx struct {
	year    int
	anchors []string
	tags    []string
}

// link appends a Markdown link to one of the URL kinds found in posts.
func (g *generator) link(b []byte, c *bodyCtx) []byte {
	r := g.r
	b = append(b, '[')
	b = append(b, pick(r, linkTexts)...)
	b = append(b, "]("...)
	k := r.IntN(100)
	if c == nil {
		k = 0
	}
	switch {
	case k < 40:
		if r.IntN(2) == 0 {
			b = append(b, "https://example.org/"...)
		} else {
			b = append(b, "https://www.example.com/"...)
		}
		b = append(b, pick(r, linkSections)...)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(2015+r.IntN(11)), 10)
		b = append(b, '/')
		b = append(b, slugify(pick(r, topics), 40)...)
		if r.IntN(4) == 0 {
			b = append(b, "?utm_source=feed&utm_medium=rss"...)
		}
	case k < 55:
		b = append(b, "/archive/"...)
		b = strconv.AppendInt(b, int64(c.year), 10)
		b = append(b, '/')
	case k < 75:
		// Reduce a full draw rather than use IntN, whose number of draws
		// depends on N, so that the rest of the post does not.
		j := int(r.Uint64() % uint64(g.n))
		b = append(b, "../"...)
		b = append(b, g.slug(j)...)
		b = append(b, '/')
	case k < 90:
		b = append(b, '#')
		b = append(b, c.anchors[r.IntN(2)]...)
	default:
		b = append(b, "/tags/"...)
		b = append(b, pick(r, c.tags)...)
		b = append(b, '/')
	}
	return append(b, ')')
}

// sentence appends one sentence. With c == nil it uses no links. tech
// allows sentences with inline code.
func (g *generator) sentence(b []byte, c *bodyCtx, tech bool, place string) []byte {
	r := g.r
	if place == "" {
		place = pick(r, places)
	}
	k := r.IntN(100)
	if c == nil && k >= 60 {
		k = r.IntN(60)
	}
	if !tech && k >= 92 {
		k = r.IntN(92)
	}
	switch {
	case k < 18:
		b = phrase(b, r, subjects, " ", sayVerbs, " that ", objects, " ", modalVerbs, " ", objects, " ", timePhrases, ".")
	case k < 33:
		b = phrase(b, r, subjects, " in ", place, " ", sayVerbs, " that ", objects, " ", modalVerbs, " local plans, ", clauses, ".")
	case k < 45:
		b = phrase(b, r, leadOpeners, " ")
		b = lowerFirst(b, pick(r, subjects))
		b = phrase(b, r, " ", sayVerbs, " that ", objects, " ", modalVerbs, " ", objects, ".")
	case k < 52:
		b = append(b, "The figure rose to "...)
		b = strconv.AppendInt(b, int64(3+r.IntN(60)), 10)
		b = append(b, " per cent in "...)
		b = strconv.AppendInt(b, int64(2015+r.IntN(11)), 10)
		b = append(b, ", "...)
		b = append(b, pick(r, clauses)...)
		b = append(b, '.')
	case k < 60:
		b = capFirst(b, pick(r, objects))
		b = append(b, ' ')
		b = append(b, pick(r, modalVerbs)...)
		b = append(b, " the way "...)
		b = append(b, strings.ToLower(pick(r, groups))...)
		b = append(b, " in "...)
		b = append(b, place...)
		b = append(b, " plan their week, "...)
		b = append(b, pick(r, clauses)...)
		b = append(b, '.')
	case k < 72:
		b = append(b, "According to "...)
		b = g.link(b, c)
		b = phrase(b, r, ", ", objects, " ", modalVerbs, " ", objects, " ", timePhrases, ".")
	case k < 80:
		b = append(b, pick(r, subjects)...)
		b = append(b, ' ')
		b = append(b, pick(r, sayVerbs)...)
		b = append(b, " the changes were *"...)
		b = lowerFirst(b, pick(r, adjectives))
		b = append(b, "*, "...)
		b = append(b, pick(r, clauses)...)
		b = append(b, '.')
	case k < 86:
		b = append(b, "**"...)
		b = capFirst(b, pick(r, objects))
		b = append(b, "** "...)
		b = append(b, pick(r, modalVerbs)...)
		b = append(b, ' ')
		b = append(b, pick(r, objects)...)
		b = append(b, ", and more details are in "...)
		b = g.link(b, c)
		b = append(b, '.')
	case k < 92:
		b = append(b, "For context, see "...)
		b = g.link(b, c)
		b = append(b, " and "...)
		b = g.link(b, c)
		b = append(b, '.')
	default:
		b = append(b, pick(r, techSentences)...)
	}
	return b
}

// phrase appends parts in order: a string as it is, a []string as one of
// its words picked at random.
func phrase(b []byte, r *rand.Rand, parts ...any) []byte {
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			b = append(b, p...)
		case []string:
			b = append(b, pick(r, p)...)
		default:
			panic(fmt.Sprintf("phrase: part of type %T", p))
		}
	}
	return b
}

// paragraph appends 3 to 6 sentences.
func (g *generator) paragraph(b []byte, c *bodyCtx, tech bool, place string) []byte {
	n := 3 + g.r.IntN(4)
	for k := range n {
		if k > 0 {
			b = append(b, ' ')
		}
		b = g.sentence(b, c, tech, place)
	}
	return b
}

func (g *generator) list(b []byte, numbered bool) []byte {
	r := g.r
	n := 3 + r.IntN(3)
	start := r.IntN(len(listItems))
	for k := range n {
		if numbered {
			b = strconv.AppendInt(b, int64(k+1), 10)
			b = append(b, ". "...)
		} else {
			b = append(b, "- "...)
		}
		item := listItems[(start+k)%len(listItems)]
		if r.IntN(5) == 0 {
			b = append(b, "**"...)
			b = append(b, item...)
			b = append(b, "**"...)
		} else {
			b = append(b, item...)
		}
		b = append(b, '\n')
	}
	return append(b, '\n')
}

// body appends the Markdown body of a post.
func (g *generator) body(b []byte, pub time.Time, tags []string) []byte {
	r := g.r
	place := pick(r, places)
	tech := r.IntN(100) < 40
	fenced := tech && r.IntN(100) < 70
	image := r.IntN(100) < 40
	target := 3000 + r.IntN(2800)

	// Headings, distinct within the post.
	order := r.Perm(len(headings))[:8]
	heads := make([]string, len(order))
	c := &bodyCtx{year: pub.Year(), tags: tags, anchors: make([]string, 2)}
	for k, h := range order {
		heads[k] = strings.Replace(headings[h], "%s", place, 1)
	}
	c.anchors[0], c.anchors[1] = anchor(heads[0]), anchor(heads[1])

	start := len(b)
	b = append(b, "**"...)
	b = g.sentence(b, nil, false, place)
	b = append(b, "**\n\n*"...)
	b = append(b, place...)
	b = append(b, ", "...)
	b = pub.AppendFormat(b, "January 2, 2006")
	b = append(b, "* – "...)
	b = g.paragraph(b, c, tech, place)
	b = append(b, "\n\n"...)

	bulletAt := r.IntN(2)
	quoteAt := r.IntN(2)
	for s, h := range heads {
		if s >= 2 && len(b)-start >= target {
			break
		}
		if s >= 2 && target-(len(b)-start) < 600 {
			b = g.paragraph(b, c, tech, place)
			b = append(b, "\n\n"...)
			break
		}
		switch k := r.IntN(10); {
		case k < 5:
			b = append(b, "### **"...)
			b = append(b, h...)
			b = append(b, "**\n"...)
		case k < 9:
			b = append(b, "### "...)
			b = append(b, h...)
			b = append(b, "\n\n"...)
		default:
			b = append(b, "## "...)
			b = append(b, h...)
			b = append(b, "\n\n"...)
		}
		b = g.paragraph(b, c, tech, place)
		b = append(b, "\n\n"...)
		if s < 2 {
			b = g.list(b, s != bulletAt)
		}
		if s == quoteAt {
			b = append(b, "> \""...)
			b = append(b, pick(r, quotes)...)
			b = append(b, "\"\n>\n> — "...)
			b = capFirst(b, pick(r, quoteBy))
			b = append(b, "\n\n"...)
		}
		if s == 1 && fenced {
			cb := pick(r, codeBlocks)
			b = append(b, "```"...)
			b = append(b, cb.lang...)
			b = append(b, '\n')
			b = append(b, cb.code...)
			b = append(b, "\n```\n\n"...)
		}
		if s == 0 && image {
			b = append(b, "!["...)
			b = append(b, pick(r, imageAlts)...)
			b = append(b, "]("...)
			if r.IntN(2) == 0 {
				b = append(b, "./figure.png"...)
			} else {
				b = append(b, "/images/"...)
				b = append(b, pick(r, imageNames)...)
				b = append(b, ".jpg"...)
			}
			b = append(b, ")\n\n"...)
		}
		if s >= 2 && r.IntN(3) == 0 {
			b = g.paragraph(b, c, tech, place)
			b = append(b, "\n\n"...)
		}
	}
	// One trailing newline, as editors save files.
	for len(b) > start && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return append(b, '\n')
}
