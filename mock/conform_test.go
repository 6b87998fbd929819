package mock

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/conform"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
)

// TestAnswersConform runs every answer of every operation of the noFixtureSpecs
// (openapi.yaml and the importer's corpus goldens, served without fixtures) through
// conform.Response, the checker the contract suite judges a live server with: each
// scenario the operation lists, in each media type it writes. The mock must answer as
// Json.NET and DataContractSerializer write: member names, order, namespaces, nulls and
// DateTimeOffset forms, not only what the schema says.
func TestAnswersConform(t *testing.T) {
	judged := 0
	for _, path := range noFixtureSpecs(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			sp, err := spec.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			srv, err := New(Options{Spec: bridge.Public(sp)})
			if err != nil {
				t.Fatalf("New(%s, no fixtures) = %v", path, err)
			}
			snap := srv.current()
			for _, o := range sp.Operations {
				op := snap.ops[o.ID]
				ct, body := "", ""
				if len(op.RequestMediaTypes) > 0 {
					ct = op.RequestMediaTypes[0]
					body, _ = validBody(op, ct)
				}
				for _, name := range op.scenarioNames() {
					for _, accept := range op.formats.writable {
						req := httptest.NewRequest(o.Method, fillPath(o), strings.NewReader(body))
						if ct != "" {
							req.Header.Set("Content-Type", ct)
						}
						req.Header.Set("Accept", accept)
						req.Header.Set("Prefer", "example="+name)
						rec := httptest.NewRecorder()
						srv.ServeHTTP(rec, req)
						if rec.Code >= http.StatusInternalServerError {
							continue // a scenario that asks for a server error; TestServesAnySpecWithoutFixtures checks the rest
						}
						in := &conform.ResponseInput{Doc: sp.Doc, Operation: o, Status: rec.Code,
							ContentType: rec.Header().Get("Content-Type"), Body: rec.Body.Bytes()}
						if o.Response(rec.Code, spec.MediaType(in.ContentType)) != nil {
							judged++
						}
						for _, v := range conform.Response(context.Background(), in) {
							t.Errorf("%s %s (scenario %s, Accept %s) = %d: %v\n%s", o.Method, o.Path, name, accept, rec.Code, v, in.Body)
						}
					}
				}
			}
		})
	}
	if judged < 100 {
		t.Fatalf("judged %d answers with a documented body, want at least 100", judged)
	}
	t.Logf("%d answers judged", judged)
}
