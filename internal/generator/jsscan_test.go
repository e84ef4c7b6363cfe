package generator

import "testing"

func TestJSLookup(t *testing.T) {
	src := `// site: 'https://comment.example'
/* base: '/comment' */
import x from "y"; // a string with // inside: "https://not.a.comment"
const url = "https://example.com//x";
export default defineConfig({
	integrations: [sitemap({ site: 'https://nested.example' })],
	'site': 'https://example.com', // the one at the top
	base: ` + "`/docs`" + `,
	trailingSlash: cond ? 'always' : 'never',
	build: {
		format: "file",
	},
	title: 'It\'s "quoted"',
	port: 4321,
	open: true,
	answer: 42 + 1,
	name: ` + "`v${x}`" + `,
	lang: 'en' as const,
});
`
	js := scanJS(src)
	for _, c := range []struct {
		path []string
		kind jsKind
		text string
		line int
	}{
		{[]string{"site"}, jsString, "https://example.com", 7},
		{[]string{"base"}, jsString, "/docs", 8},
		{[]string{"trailingSlash"}, jsComputed, "cond", 9},
		{[]string{"build", "format"}, jsString, "file", 11},
		{[]string{"title"}, jsString, `It's "quoted"`, 13},
		{[]string{"port"}, jsNumber, "4321", 14},
		{[]string{"open"}, jsIdent, "true", 15},
		{[]string{"answer"}, jsComputed, "42", 16},
		{[]string{"name"}, jsTemplate, "v${x}", 17},
		{[]string{"lang"}, jsString, "en", 18},
	} {
		v, ok := js.lookup(c.path...)
		if !ok || v.kind != c.kind || v.text != c.text || v.line != c.line {
			t.Errorf("lookup(%q) = %v %d %q line %d, want %d %q line %d",
				c.path, ok, v.kind, v.text, v.line, c.kind, c.text, c.line)
		}
	}
	for _, path := range [][]string{{"missing"}, {"build", "missing"}, {"site", "x"}, {"url"}} {
		if v, ok := js.lookup(path...); ok {
			t.Errorf("lookup(%q) = %+v, want none", path, v)
		}
	}
	if v, ok := js.constant("url"); !ok || v.kind != jsString || v.text != "https://example.com//x" || v.line != 4 {
		t.Errorf("constant(url) = %+v, %v", v, ok)
	}
}

func TestJSLookupAll(t *testing.T) {
	js := scanJS(`const blog = defineCollection({
	loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
	schema: z.object({ draft: z.boolean(), title: z.string() }),
});
const notes = defineCollection({ loader: glob({ base: dir + '/notes' }) });
function f(a, b) { return a ? b : { base: 1 } }
`)
	vs := js.lookupAll("base")
	if len(vs) != 3 || vs[0].text != "./src/content/blog" || vs[0].kind != jsString || vs[0].line != 2 ||
		vs[1].kind != jsComputed || vs[1].line != 5 || vs[2].kind != jsNumber {
		t.Errorf("lookupAll(base) = %+v", vs)
	}
	// "b : {" after a ?: is not a property.
	if vs := js.lookupAll("b"); len(vs) != 0 {
		t.Errorf("lookupAll(b) = %+v, want none", vs)
	}
}

func TestFrontKeys(t *testing.T) {
	for src, want := range map[string]map[string]string{
		"---\ntitle: A\ndate: 2024-01-02\ntags:\n  - x\n---\nbody: no\n":       {"title": "A", "date": "2024-01-02", "tags": ""},
		"+++\ntitle = \"A\"\nDate = 2024-01-02\n[taxonomies]\ndate = 1\n+++\n": {"title": "A", "date": "2024-01-02"},
		"---js\nconst date = 1;\n---\n":                                        nil,
		"no front matter\n":                                                    nil,
	} {
		got := frontKeys([]byte(src))
		if len(got) != len(want) {
			t.Errorf("frontKeys(%q) = %v, want %v", src, got, want)
			continue
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("frontKeys(%q)[%s] = %q, want %q", src, k, got[k], v)
			}
		}
	}
}
