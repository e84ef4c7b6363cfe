package frontmatter

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// modes are the two ways Split finds the end of a block; every test of
// Split runs in both.
var modes = []struct {
	name string
	mode Mode
}{{"fast", Fast}, {"library", Library}}

// fieldLines formats the fields of a block as "key@line=value" for compact
// comparisons.
func fieldLines(fields []Field) string {
	var parts []string
	for _, f := range fields {
		parts = append(parts, fmt.Sprintf("%s@%d=%v", f.Key, f.Line, f.Value))
	}
	return strings.Join(parts, " ")
}

// TestSplit checks each front matter delimiter, in both modes: the format
// found, the line in the file of every key, and where the body starts.
func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		format   string
		fields   string
		body     string
		bodyLine int
	}{
		{
			name:   "YAML",
			in:     "---\ntitle: A\ndate: 2024-01-02\n---\nBody\n",
			format: "yaml", fields: "title@2=A date@3=2024-01-02",
			body: "Body\n", bodyLine: 5,
		},
		{
			name:   "YAML after blank lines",
			in:     "\n\n---\ntitle: A\n---\nBody\n",
			format: "yaml", fields: "title@4=A",
			body: "Body\n", bodyLine: 6,
		},
		{
			name:   "YAML with a type tag",
			in:     "---yaml\ntitle: A\n---\n",
			format: "yaml", fields: "title@2=A",
			body: "", bodyLine: 4,
		},
		{
			name:   "YAML multi-line value",
			in:     "---\nsummary: >\n  folded\n  text\ntitle: A\n---\nx",
			format: "yaml", fields: "summary@2=folded text\n title@5=A",
			body: "x", bodyLine: 7,
		},
		{
			name:   "empty YAML block",
			in:     "---\n---\nBody\n",
			format: "yaml", fields: "",
			body: "Body\n", bodyLine: 3,
		},
		{
			name:   "YAML block holding null",
			in:     "---\n~\n---\n",
			format: "yaml", fields: "",
			body: "", bodyLine: 4,
		},
		{
			name:   "YAML anchors and aliases",
			in:     "---\nbase: &b [x, y]\ntags: *b\n---\n",
			format: "yaml", fields: "base@2=[x y] tags@3=[x y]",
			body: "", bodyLine: 5,
		},
		{
			name:   "TOML",
			in:     "+++\ntitle = \"A\"\n\n# comment\n'date' = 2024-01-02\n\"tags\" = [\"x\"]\nhero.src = \"h.png\"\n[params]\nk = 1\n[[authors]]\nname = \"N\"\n+++\nBody\n",
			format: "toml", fields: "title@2=A date@5=2024-01-02 tags@6=[x] hero@7=map[src:h.png] params@8=map[k:1] authors@10=[map[name:N]]",
			body: "Body\n", bodyLine: 13,
		},
		{
			name:   "TOML with ---toml",
			in:     "---toml\ntitle = \"A\"\n---\n",
			format: "toml", fields: "title@2=A",
			body: "", bodyLine: 4,
		},
		{
			name:   "JSON between ;;;",
			in:     ";;;\n{\n  \"title\": \"A\",\n  \"n\": 2\n}\n;;;\nBody\n",
			format: "json", fields: "title@3=A n@4=2",
			body: "Body\n", bodyLine: 7,
		},
		{
			name:   "JSON with ---json",
			in:     "---json\n{\"title\": \"A\", \"f\": 1.5}\n---\n",
			format: "json", fields: "title@2=A f@2=1.5",
			body: "", bodyLine: 4,
		},
		{
			name:   "bare JSON object",
			in:     "{\n  \"title\": \"A\",\n  \"x\": {\"y\": [1]}\n}\n\nBody\n",
			format: "json", fields: "title@2=A x@3=map[y:[1]]",
			body: "Body\n", bodyLine: 6,
		},
	}
	for _, mode := range modes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				b, err := Split([]byte(tt.in), mode.mode)
				if err != nil {
					t.Fatalf("line %d: %v", err.Line, err)
				}
				if b.Format != tt.format {
					t.Errorf("format = %s, want %s", b.Format, tt.format)
				}
				if got := fieldLines(b.Fields); got != tt.fields {
					t.Errorf("fields = %q\nwant     %q", got, tt.fields)
				}
				if string(b.Body) != tt.body || b.BodyLine != tt.bodyLine {
					t.Errorf("body = %q on line %d, want %q on line %d", b.Body, b.BodyLine, tt.body, tt.bodyLine)
				}
			})
		}
	}
}

// TestYAMLErrorLines checks that yaml.v3's error lines, counted within the
// block, become lines of the file, for the errors of its scanner (counted
// from 1) and of its parser (counted from 0).
func TestYAMLErrorLines(t *testing.T) {
	tests := []struct {
		name string
		in   string // front matter starting on line 2 of the file
		line int
		msg  string
	}{
		{"scanner: mapping value", "a: b\nc: d: e\n", 3, "mapping values are not allowed in this context"},
		{"scanner: unclosed quote", "a: b\nc: \"d\n", 3, "found unexpected end of stream"},
		{"scanner: bad character", "a: b\nc: @d\n", 3, "found character that cannot start any token"},
		{"parser: unclosed flow list", "a: b\nc: [d, e\n", 3, "did not find expected ',' or ']'"},
		{"parser: unclosed flow mapping", "a: b\nc: {d: e\n", 3, "did not find expected ',' or '}'"},
		{"parser: bad indentation", "a:\n  - b\n - c\n", 4, "did not find expected key"},
		// With the construct on the block's first line, yaml.v3 gives the
		// line of the problem instead: here the end of the block.
		{"parser: error on the first line", "[a, b\n", 3, "did not find expected ',' or ']'"},
		{"merge key at the top level", "a: &x {b: 1}\n<<: *x\n", 3, "merge keys (<<) are not supported at the top level"},
		{"not a mapping", "just text\n", 2, "want a mapping of keys to values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeYAML([]byte(tt.in), 2)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("cause %v is not ErrSyntax", err)
			}
			want := "front matter: yaml: " + tt.msg
			if err.Line != tt.line || err.Error() != want {
				t.Errorf("line %d: %v\nwant line %d: %s", err.Line, err, tt.line, want)
			}
		})
	}
}

// Hostile front matter is rejected quickly, with ErrSyntax and a line.
func TestFrontMatterLimits(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 'b'; i <= 'j'; i++ {
		fmt.Fprintf(&bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	deep := "x: " + strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + "\n"
	deepJSON := "{\"x\": " + strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + "}"
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"alias expansion", "---\n" + bomb.String() + "---\n", "too many aliases"},
		{"deep YAML", "---\n" + deep + "---\n", "nested more than"},
		{"deep JSON", ";;;\n" + deepJSON + "\n;;;\n", "nested more than"},
		{"deep TOML", "+++\nx = " + strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2) + "\n+++\n", "nested more than"},
		{"many JSON values", ";;;\n{\"x\": [" + strings.Repeat("0,", MaxValues) + "0]}\n;;;\n", "more than 10000 values"},
		{"large block", "---\nx: " + strings.Repeat("a", MaxSize) + "\n---\n", "larger than 1024 KiB"},
	}
	for _, mode := range modes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				_, err := Split([]byte(tt.in), mode.mode)
				if err == nil {
					t.Fatal("no error")
				}
				if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), tt.want) || err.Line < 1 {
					t.Errorf("line %d: %v; want ErrSyntax mentioning %q", err.Line, err, tt.want)
				}
			})
		}
	}
}
