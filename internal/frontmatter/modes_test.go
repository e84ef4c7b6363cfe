package frontmatter

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// edgeCases are inputs on which the fast splitter and adrg/frontmatter
// could part: where the closing line is, what is around it, and blocks
// the fast splitter leaves to the library.
var edgeCases = []string{
	"",
	"\n\n",
	"no front matter\n",
	"---",
	"---\n",
	"---\ntitle: A\n",
	"---\ntitle: A\n---",
	"---\ntitle: A\n--- \nBody",
	"---\ntitle: A\n  ---  \n\nBody\n",
	"---\ntitle: A\n----\n---\nBody\n",
	"  ---  \ntitle: A\n---\n",
	"\n \t\n---\ntitle: A\n---\nBody\n",
	"---\n---\n---\n",
	"+++\ntitle = 'A'\n+++",
	"+++\ntitle = 'A'\n---\n",
	"---toml\ntitle = 'A'\n+++\n---\n",
	";;;\n{}\n;;;\n",
	"---json\n{\"title\": \"A\"}\n---",
	"{\n\"title\": \"A\"\n}\n\nBody\n",
	"{\n\"title\": \"A\"\n}\nBody\n",
	"{\n\"title\": \"A\"\n}",
	"{\n\"title\": \"A\"\n}\n}\n\n",
	"{\"title\": \"A\"}\n\nBody\n",
	"{ \n\"title\": \"A\"\n }\n \nBody\n",
	"---\ntitle: [\n---\n",
	"---\ntitle: A\r\n---\r\nBody\r\n",
	"---\n'\r0\n---",
}

// corpus returns the edge cases and the post files of the module's test
// data.
func corpus(t testing.TB) [][]byte {
	var files [][]byte
	for _, s := range edgeCases {
		files = append(files, []byte(s))
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "seed", "*.md"))
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	archives, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "posts", "*.txtar"))
	for _, name := range archives {
		a, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if strings.HasSuffix(f.Name, ".md") {
				files = append(files, f.Data)
			}
		}
	}
	if len(files) <= len(edgeCases) {
		t.Fatal("no post files in ../../testdata")
	}
	return files
}

// sameSplit fails t when the two modes give different blocks or errors
// for data.
func sameSplit(t *testing.T, data []byte) {
	t.Helper()
	fast, ferr := Split(data, Fast)
	lib, lerr := Split(data, Library)
	if (ferr == nil) != (lerr == nil) || ferr != nil && (ferr.Line != lerr.Line || ferr.Error() != lerr.Error()) {
		t.Fatalf("%q: errors differ:\nfast:    %v\nlibrary: %v", data, ferr, lerr)
	}
	if !reflect.DeepEqual(fast, lib) {
		t.Fatalf("%q: blocks differ:\nfast:    %#v\nlibrary: %#v", data, fast, lib)
	}
	if fast != nil && !bytes.Equal(fast.Body, data[len(data)-len(fast.Body):]) {
		t.Fatalf("%q: the body %q is not the end of the file", data, fast.Body)
	}
}

// TestModesAgree: the fast splitter gives what adrg/frontmatter gives on
// every edge case and every post of the test data.
func TestModesAgree(t *testing.T) {
	t.Parallel()
	for _, data := range corpus(t) {
		sameSplit(t, data)
	}
}

// FuzzSplit: the two modes agree on any input.
func FuzzSplit(f *testing.F) {
	for _, data := range corpus(f) {
		f.Add(data)
	}
	f.Fuzz(sameSplit)
}
