package main

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/helpmock/helpmock"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/spec"
)

// loadSpec loads the OpenAPI document at path, or the embedded one when path is "".
func loadSpec(path string) (*spec.Spec, error) {
	if path != "" {
		return spec.LoadFile(path)
	}
	return spec.Default()
}

// loadFixtures loads the fixtures in dir; when dir is "", the embedded ones for the
// embedded spec (specPath ""), and none for the user's spec: the embedded fixtures belong
// to the embedded spec, and a user's spec is served from its examples and schemas.
func loadFixtures(specPath, dir string) (*fixtures.Set, error) {
	if dir == "" && specPath != "" {
		return nil, nil
	}
	var fsys fs.FS = helpmock.DefaultFixtures()
	if dir != "" {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("fixtures: %w", err)
		}
		fsys = os.DirFS(dir)
	}
	set, err := fixtures.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("load fixtures: %w", err)
	}
	return set, nil
}
