package jsonnet

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/helpmock/helpmock/internal/model"
	"github.com/helpmock/helpmock/internal/spec"
)

// benchOperation returns the operation id's spec entry, loaded from the repository's
// openapi.yaml.
func benchOperation(tb testing.TB, id string) *spec.Operation {
	tb.Helper()
	data, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		tb.Fatalf("read openapi.yaml: %v", err)
	}
	s, err := spec.Load("openapi.yaml", data)
	if err != nil {
		tb.Fatalf("spec.Load(openapi.yaml): %v", err)
	}
	o := s.Operation(id)
	if o == nil {
		tb.Fatalf("openapi.yaml has no operation %s", id)
	}
	return o
}

// benchBodies are the request bodies of the two operations: the Help Page samples.
var benchBodies = map[string]string{
	"refreshToken":        `{"AccessTokenOld":"sample string 1","AccessTokenRefresh":"sample string 2"}`,
	"pfmsGetRefreshToken": `{"stateCode":"sample string 1","AuthString":"sample string 2","expiredAccessToken":"sample string 3","RefreshToken":"sample string 4"}`,
}

// BenchmarkRead measures reading a request body (the first half of binding JSON).
func BenchmarkRead(b *testing.B) {
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		b.Run(id, func(b *testing.B) {
			body := []byte(benchBodies[id])
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, _, err := Read(body, 64); err != nil {
					b.Fatalf("Read(%s) error = %v, want nil", body, err)
				}
			}
		})
	}
}

// BenchmarkBind measures binding a read request body to its layout.
func BenchmarkBind(b *testing.B) {
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		b.Run(id, func(b *testing.B) {
			layout := benchOperation(b, id).Request[spec.ApplicationJSON]
			v, _, err := Read([]byte(benchBodies[id]), 64)
			if err != nil {
				b.Fatalf("Read(%s) error = %v, want nil", benchBodies[id], err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if res := Bind(layout, v); len(res.Errors) > 0 {
					b.Fatalf("Bind(%s) errors = %v, want none", benchBodies[id], res.Errors)
				}
			}
		})
	}
}

// BenchmarkAppend measures rendering a response value as Json.NET writes it.
func BenchmarkAppend(b *testing.B) {
	for _, id := range []string{"refreshToken", "pfmsGetRefreshToken"} {
		b.Run(id, func(b *testing.B) {
			o := benchOperation(b, id)
			layout := o.Response(o.SuccessStatus(), spec.ApplicationJSON)
			value := o.ResponseExamples[spec.ApplicationJSON][spec.DocsExample]
			benchCheckJSON(b, layout, value)
			b.ReportAllocs()
			buf := make([]byte, 0, 1024)
			for b.Loop() {
				buf = Append(buf[:0], layout, value)
			}
			b.SetBytes(int64(len(buf)))
		})
	}
}

// benchCheckJSON fails b unless Append writes valid JSON for value.
func benchCheckJSON(b *testing.B, layout *model.Type, value any) {
	b.Helper()
	if out := Append(nil, layout, value); !json.Valid(out) {
		b.Fatalf("Append(docs example) = %s, want valid JSON", out)
	}
}
