package sitefeed

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// nameRows are hostile rows about file and folder names: a name an fs.FS
// cannot open (invalid UTF-8) is reported for that file alone, and a name
// with a newline keeps every message on one line.
func nameRows() []hostileRow {
	mapFS := func(files map[string]string) func(t *testing.T) fs.FS {
		return func(t *testing.T) fs.FS {
			m := fstest.MapFS{relGoodPath: {Data: []byte(relGood)}}
			for name, data := range files {
				m[name] = &fstest.MapFile{Data: []byte(data)}
			}
			return m
		}
	}
	return []hostileRow{
		{name: "file name of invalid UTF-8", fsys: mapFS(map[string]string{"posts/bad\xff.md": relPost("Bad name")}),
			stage: relLoad, want: relWant{is: ErrBadName, path: "posts/bad\xff.md"}},
		{name: "folder name of invalid UTF-8", fsys: mapFS(map[string]string{"posts/d\xfe/in.md": relPost("In a bad folder")}),
			stage: relLoad, want: relWant{is: ErrBadName, path: "posts/d\xfe"}},
		{name: "file name with a newline, bad post", fsys: mapFS(map[string]string{"posts/new\nline.md": "---\ntitle: x\n---\n"}),
			stage: relLoad, want: relWant{is: ErrMissingDate, path: "posts/new\nline.md", line: 1}},
		{name: "file name with an escape sequence, bad post", fsys: mapFS(map[string]string{"posts/\x1b[2Jx.md": "---\ntitle: x\n---\n"}),
			stage: relLoad, want: relWant{is: ErrMissingDate, path: "posts/\x1b[2Jx.md", line: 1}},
		{name: "file name with a newline, good post", fsys: mapFS(map[string]string{"posts/new\nline.md": relPost("Newline")}),
			titles: []string{"Newline"}},
	}
}
