package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/transferpack/transferpack/report/input"
)

// TestDeterministic runs the generator twice and wants byte-identical, non-executable files.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := run(filepath.Join(dir, "samples"), filepath.Join(dir, "twin")); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	err := filepath.WalkDir(a, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(a, path)
		info, err := e.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o111 != 0 {
			t.Errorf("%s is executable: %v", rel, info.Mode())
		}
		first, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		second, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(first, second) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 6 {
		t.Errorf("wrote %d files, want 6", n)
	}
}

// TestSynthetic: n synthetic teams in every layout, read without error, deterministic.
func TestSynthetic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := writeSynthetic(dir, 12); err != nil {
			t.Fatal(err)
		}
	}
	teams := 0
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		in, err := input.Read(filepath.Join(a, e.Name()), input.Options{})
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		teams += len(in.Teams)
	}
	if teams != 12 {
		t.Errorf("%d teams in %d inputs, want 12", teams, len(entries))
	}
	err := filepath.WalkDir(a, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
