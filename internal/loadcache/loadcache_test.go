package loadcache

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
)

func TestValueRoundTrip(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 6, 7, 8, 9, 10, time.UTC)
	values := []any{
		nil, true, false, "", "text", int64(-5), 7, uint64(1 << 63), 2.5, math.Copysign(0, -1),
		time.Time{}, at, at.In(berlin), at.In(time.Local), at.In(time.FixedZone("", 3600)), at.In(time.FixedZone("X", -1800)),
		[]any(nil), []any{}, []any{"a", int64(1), []any{true}},
		map[string]any(nil), map[string]any{}, map[string]any{"b": map[string]any{"c": at}, "a": nil},
	}
	for _, v := range values {
		e := &Encoder{Loc: berlin}
		e.Value(v)
		if e.Err != nil {
			t.Fatalf("%#v: %v", v, e.Err)
		}
		d := NewDecoder(e.Buf, berlin)
		got := d.Value()
		if err := d.Err(); err != nil || !reflect.DeepEqual(got, v) {
			t.Errorf("%#v decoded as %#v (%v)", v, got, err)
		}
		for n := range len(e.Buf) { // cut short: an error, never a panic
			d := NewDecoder(e.Buf[:n], berlin)
			d.Value()
			if d.Err() == nil {
				t.Errorf("%#v cut to %d bytes decoded without error", v, n)
			}
		}
	}
	e := &Encoder{}
	e.Value(struct{}{})
	e.Time(time.Now()) // a monotonic reading
	if e.Err == nil {
		t.Error("values that cannot be decoded as they are were encoded")
	}
}

func TestIndex(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	ix, warning, err := Open(root, "v1")
	if err != nil || warning != "" {
		t.Fatal(err, warning)
	}
	old := Stat{Size: 3, Mtime: ix.stamp - 2e9, Ctime: 1, Ino: 2, Dev: 3}
	racy := Stat{Size: 3, Mtime: ix.stamp, Ctime: 1, Ino: 4, Dev: 3}
	ix.Put("a", &Entry{Stat: old, Sum: [32]byte{1}, Data: []byte("A")})
	ix.Put("b", &Entry{Stat: racy, Data: []byte("B")})
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, warning, err = Open(root, "v1")
	if err != nil || warning != "" {
		t.Fatal(err, warning)
	}
	a, b := ix.Get("a"), ix.Get("b")
	if a == nil || b == nil || string(a.Data) != "A" || a.Sum != [32]byte{1} || a.Stat != old {
		t.Fatalf("entries read back: %+v %+v", a, b)
	}
	if !ix.Trusted(a, old) || ix.Trusted(b, racy) || ix.Trusted(a, racy) || ix.Trusted(a, Stat{}) {
		t.Error("Trusted does not follow the rule: same stat, modified in an earlier second than the index")
	}
	ix.Keep("a", a) // b is not seen: dropped
	ix.Close()
	ix, _, _ = Open(root, "v2")
	if ix.Get("a") != nil {
		t.Error("an index of another version was used")
	}
	ix.Close()
	if names, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(names) != 0 {
		t.Errorf("temporary files left: %v", names)
	}
}

// BenchmarkOpen reads an index of 10,000 and 50,000 entries of the size a
// post of the bench corpus takes (about 660 bytes).
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			entries := make(map[string]*Entry, n)
			for i := range n {
				entries[fmt.Sprintf("posts\x00801:1234\x002024-01-01-post-%d.md", i)] = &Entry{Stat: Stat{Size: 4000, Mtime: 1e18, Ctime: 1e18, Ino: 1 << 20, Dev: 2049}, Data: make([]byte, 560)}
			}
			data := encode(entries, "v1", 1e18)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if got, _, why := decode(data, "v1"); len(got) != n {
					b.Fatal(why)
				}
			}
		})
	}
}
