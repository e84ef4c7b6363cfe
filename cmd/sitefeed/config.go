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

// findConfig looks for a settings file in the working directory, the only
// place, with -config, where settings are read from: a file among the
// posts, which many hands may write, must not choose where the build
// writes. It returns "" when there is none, and a warning when the folder
// holds more than one, or when SRC or its parent holds one, which is not
// read.
func findConfig(src string) (name, warning string) {
	found := configsIn(".")
	if len(found) > 1 {
		warning = fmt.Sprintf("%s holds %d settings files; using %s, ignoring %s",
			displayDir("."), len(found), found[0], strings.Join(found[1:], ", "))
	}
	if len(found) > 0 {
		return found[0], warning
	}
	if src == "" {
		return "", ""
	}
	for _, dir := range []string{filepath.Join(src, ".."), src} {
		if sameDir(dir, ".") {
			continue
		}
		if f := configsIn(dir); len(f) > 0 {
			return "", fmt.Sprintf("%s is not read: settings come only from the working directory or -config (give -config %s to use it)", f[0], f[0])
		}
	}
	return "", ""
}

// configsIn returns the settings files in dir, in the order of
// configNames.
func configsIn(dir string) []string {
	var found []string
	for _, n := range configNames {
		p := filepath.Join(dir, n)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			found = append(found, p)
		}
	}
	return found
}

func displayDir(dir string) string {
	if dir == "." {
		return "the working directory"
	}
	return dir
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
