// Package defaultdoc holds helpmock's embedded default document, openapi.yaml, as Go code
// that builds kin-openapi's *openapi3.T directly, so that `helpmock serve` parses nothing
// at start-up. It exists only for speed (bench/results.md, "Start-up").
//
// doc_gen.go is generated from openapi.yaml by
//
//	go test ./internal/spec -run TestDefaultDocument -update
//
// which also fails while it is stale. Package spec (internal/spec.LoadEmbedded) uses it only
// while SourceSHA256 names the embedded openapi.yaml, and its tests require the document to
// be the one a normal load of openapi.yaml gives, unexported fields and all.
package defaultdoc

// set stores m's entries in x, a *openapi3.Paths, *openapi3.Responses or
// *openapi3.Callback (which keep them in an unexported map), and returns x.
func set[X interface{ Set(string, V) }, V any](x X, m map[string]V) X {
	for k, v := range m {
		x.Set(k, v)
	}
	return x
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
