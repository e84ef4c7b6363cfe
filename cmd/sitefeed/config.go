package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// configNames are the settings files looked for, in order, in each folder.
var configNames = []string{"sitefeed.yaml", "sitefeed.yml", "sitefeed.toml", "sitefeed.json"}

// maxConfigSize bounds the settings file read.
const maxConfigSize = 1 << 20

// findConfig looks for a settings file in the working directory, then in
// src's parent directory, then in src. It returns "" when there is none,
// and a warning when a folder holds more than one.
func findConfig(src string) (name, warning string) {
	dirs := []string{"."}
	if src != "" {
		dirs = append(dirs, filepath.Join(src, ".."), src)
	}
	seen := map[string]bool{}
	for _, dir := range dirs {
		key := dir
		if abs, err := filepath.Abs(dir); err == nil {
			key = abs
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		var found []string
		for _, n := range configNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				found = append(found, p)
			}
		}
		if len(found) > 0 {
			if len(found) > 1 {
				warning = fmt.Sprintf("%s holds %d settings files; using %s, ignoring %s",
					displayDir(dir), len(found), found[0], strings.Join(found[1:], ", "))
			}
			return relToWD(found[0]), warning
		}
	}
	return "", ""
}

func displayDir(dir string) string {
	if dir == "." {
		return "the working directory"
	}
	return dir
}

// relToWD shortens an absolute path inside the working directory.
func relToWD(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// readConfig reads a settings file into its top-level keys.
func readConfig(name string) (map[string]any, error) {
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("settings file %s does not exist", name)
		}
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxConfigSize+1)); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if buf.Len() > maxConfigSize {
		return nil, fmt.Errorf("%s: larger than %d bytes; is it the right file?", name, maxConfigSize)
	}
	data := bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))
	m := map[string]any{}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		err = yaml.Unmarshal(data, &m)
	case ".toml":
		err = toml.Unmarshal(data, &m)
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		err = dec.Decode(&m)
	default:
		return nil, fmt.Errorf("settings file %s: want a name ending in .yaml, .yml, .toml or .json", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return m, nil
}

// sortedKeys returns m's keys in order, so that errors come out the same
// way every time.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
