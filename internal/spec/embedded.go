package spec

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/helpmock/helpmock/internal/spec/defaultdoc"
)

// LoadEmbedded loads the embedded default document, whose YAML text is yamlData. While
// package defaultdoc was generated from that text, the document is built by defaultdoc's
// Go code, which parses nothing (bench/results.md, "Start-up"); otherwise, or should that
// fail, yamlData is loaded as Load does.
func LoadEmbedded(source string, yamlData []byte) (*Spec, error) {
	if s, ok := loadGenerated(source, yamlData); ok {
		return s, nil
	}
	return Load(source, yamlData)
}

// loadGenerated builds defaultdoc's document when it was generated from yamlData; false
// when it was not, or when it fails to build.
func loadGenerated(source string, yamlData []byte) (*Spec, bool) {
	if sum := sha256.Sum256(yamlData); hex.EncodeToString(sum[:]) != defaultdoc.SourceSHA256 {
		return nil, false
	}
	doc, orders := defaultdoc.Document()
	// What LoadFromData does once it has decoded a document: the references' values are
	// set here, not written in the generated code.
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		return nil, false
	}
	return buildOrdered(source, doc, orders)
}
