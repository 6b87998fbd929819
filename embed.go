package helpmock

import (
	"embed"
	"io/fs"
)

// DefaultSpecName is the name of the embedded OpenAPI document.
const DefaultSpecName = "openapi.yaml"

//go:embed openapi.yaml
var defaultSpec []byte

//go:embed fixtures/*.yaml
var fixtureFiles embed.FS

// DefaultSpec returns the embedded openapi.yaml.
func DefaultSpec() []byte { return defaultSpec }

// DefaultFixtures returns the embedded fixtures directory as a file system whose root
// holds the fixture files.
func DefaultFixtures() fs.FS {
	sub, err := fs.Sub(fixtureFiles, "fixtures")
	if err != nil {
		panic(err) // "fixtures" is a constant, valid path
	}
	return sub
}
