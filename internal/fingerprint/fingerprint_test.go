package fingerprint

import (
	"testing"
	"time"
)

type inner struct {
	n    int
	tags []string
}

type settings struct {
	Name   string
	hidden int
	When   time.Time
	Loc    *time.Location
	Ptr    *inner
	Map    map[string]int
	Any    any
	Fn     func()
	Self   *settings
	Arr    [2]bool
	F      float64
	Nil    []string
}

func TestOf(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	base := func() *settings {
		s := &settings{Name: "a", hidden: 1, When: time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC), Loc: time.UTC,
			Ptr: &inner{n: 1, tags: []string{"x"}}, Map: map[string]int{"a": 1, "b": 2, "c": 3}, Any: 1, F: 1.5}
		s.Self = s
		return s
	}
	sum := func(s *settings) [32]byte {
		t.Helper()
		h, err := Of(s)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	want := sum(base())
	for range 20 { // map order
		if sum(base()) != want {
			t.Fatal("two equal values hash differently")
		}
	}
	for name, change := range map[string]func(s *settings){
		"exported field":      func(s *settings) { s.Name = "b" },
		"unexported field":    func(s *settings) { s.hidden = 2 },
		"time":                func(s *settings) { s.When = s.When.Add(1) },
		"time's zone":         func(s *settings) { s.When = s.When.In(paris) },
		"location":            func(s *settings) { s.Loc = paris },
		"pointed to":          func(s *settings) { s.Ptr.n = 2 },
		"slice element":       func(s *settings) { s.Ptr.tags[0] = "y" },
		"slice length":        func(s *settings) { s.Ptr.tags = append(s.Ptr.tags, "") },
		"map value":           func(s *settings) { s.Map["b"] = 3 },
		"map key":             func(s *settings) { delete(s.Map, "c"); s.Map["d"] = 3 },
		"interface type":      func(s *settings) { s.Any = int64(1) },
		"array":               func(s *settings) { s.Arr[1] = true },
		"float":               func(s *settings) { s.F = 2.5 },
		"nil and empty slice": func(s *settings) { s.Nil = []string{} },
		"cycle cut":           func(s *settings) { s.Self = &settings{} },
	} {
		s := base()
		change(s)
		if sum(s) == want {
			t.Errorf("%s: same hash", name)
		}
	}
	s := base()
	s.Fn = func() {}
	if _, err := Of(s); err == nil {
		t.Error("a function hashed")
	}
}
