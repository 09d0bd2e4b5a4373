package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the manifest's file name in the output folder.
const ManifestName = "manifest.json"

// Manifest records what a run read and wrote: the tool, its settings, each input with
// its hash and teams, each file with its hash, and each failed input. It holds no clock
// time: the same inputs give the same manifest. The next run reads it to skip what is
// unchanged.
type Manifest struct {
	Tool     string       `json:"tool"`
	Version  string       `json:"version"`
	Build    string       `json:"build,omitempty"` // the source revision, when the program knows it
	Settings Settings     `json:"settings"`
	Inputs   []InputEntry `json:"inputs"`
	Teams    []TeamEntry  `json:"teams"`
	// Assets are the files the formats share across the run; Portfolio the run's
	// portfolio files.
	Assets    []FileEntry `json:"assets"`
	Portfolio []FileEntry `json:"portfolio"`
}

// Settings are the options that change what a run writes: a team built under other
// settings is built again.
type Settings struct {
	Formats   string `json:"formats"`   // comma-separated, in table order
	AsOf      string `json:"as_of"`     // "" for each input's report month
	DORAYear  int    `json:"dora_year"` // 0 for the default
	Framework string `json:"framework"` // SHA-256 of the --framework file's bytes; "" for none
	Layouts   string `json:"layouts"`   // SHA-256 of the --layouts folder's files; "" for none
	Assets    string `json:"html_assets"`
	Paper     string `json:"paper"`
}

// InputEntry is one input of a run.
type InputEntry struct {
	Path   string   `json:"path"` // relative to the folder the run was started in
	Size   int64    `json:"size"`
	SHA256 string   `json:"sha256"`
	Teams  []string `json:"teams"` // the teams built from it
	Failed bool     `json:"failed,omitempty"`
	Errors int      `json:"errors,omitempty"` // error findings, and teams that failed
}

// TeamEntry is one team's files and portfolio row.
type TeamEntry struct {
	Input string      `json:"input"`
	Stem  string      `json:"stem"`
	Files []FileEntry `json:"files"`
	Row   Row         `json:"row"`
	// Stale marks the files of a team whose input failed in this run: they are last
	// run's, kept untouched.
	Stale bool `json:"stale,omitempty"`
}

// FileEntry is one file a run wrote.
type FileEntry struct {
	Path   string `json:"path"` // relative to the output folder
	Format string `json:"format"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// readManifest reads the last run's manifest; an empty one when there is none or it
// does not read (everything is then built again).
func readManifest(out string) *Manifest {
	m := &Manifest{}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil || json.Unmarshal(data, m) != nil {
		return &Manifest{}
	}
	return m
}

// input returns the last run's entry for an input, or a zero one.
func (m *Manifest) input(path string) InputEntry {
	for _, in := range m.Inputs {
		if in.Path == path {
			return in
		}
	}
	return InputEntry{}
}

// teamsOf returns the last run's teams of an input, in its order.
func (m *Manifest) teamsOf(path string) []TeamEntry {
	var out []TeamEntry
	for _, t := range m.Teams {
		if t.Input == path {
			out = append(out, t)
		}
	}
	return out
}

// encode writes the manifest as indented JSON.
func (m *Manifest) encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// settings are the run's options as the manifest records them.
func (o RunOptions) settings() (Settings, error) {
	var names []string
	for _, f := range o.Formats {
		names = append(names, f.Name)
	}
	s := Settings{Formats: strings.Join(names, ","), DORAYear: o.Analysis.DORAYear,
		Assets: o.Writers.HTMLAssets, Paper: o.Writers.Paper}
	if !o.Analysis.AsOf.IsZero() {
		s.AsOf = o.Analysis.AsOf.String()
	}
	if o.Framework != "" {
		h, _, err := hashInput(o.Framework)
		if err != nil {
			return s, err
		}
		s.Framework = h
	}
	if o.Writers.Layouts != "" {
		h, err := hashFolder(o.Writers.Layouts)
		if err != nil {
			return s, err
		}
		s.Layouts = h
	}
	return s, nil
}

// hashFolder is the SHA-256 of a folder's files, names and bytes, in name order.
func hashFolder(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
