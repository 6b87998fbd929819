package helppage_test

import (
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
)

// TestOverlaySchemaNames: an overlay schema the import does not write is an error unless
// the overlay uses it.
func TestOverlaySchemaNames(t *testing.T) {
	docs := []helppage.Document{{Name: "002.txt", Data: readFile(t, "../../docs/helppages/002_a902dc09f605260a.txt")}}
	tests := []struct {
		name, overlay string
		wantErr       string // "" for none
	}{
		{"a schema the import writes",
			"components:\n  schemas:\n    RefreshTokenResponse:\n      description: The tokens.\n", ""},
		{"a misspelt schema",
			"info:\n  title: x\ncomponents:\n  schemas:\n    RefreshTokenresponse:\n      description: The tokens.\n",
			"o.yaml: line 5: components.schemas.RefreshTokenresponse: the import writes no schema RefreshTokenresponse and the overlay references none by that name (the import writes RefreshTokenResponse)"},
		{"a new schema the overlay uses",
			"components:\n  schemas:\n    HttpError:\n      type: object\n  responses:\n    BadRequest:\n      description: Bad request.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/HttpError'\n", ""},
		{"a new schema that only references itself",
			"components:\n  schemas:\n    Node:\n      type: object\n      properties:\n        next:\n          $ref: '#/components/schemas/Node'\n",
			"line 3: components.schemas.Node: the import writes no schema Node"},
		{"a schema renamed by the overlay",
			"x-helpmock-import:\n  rename:\n    RefreshTokenResponse: Tokens\ncomponents:\n  schemas:\n    Tokens:\n      description: The tokens.\n", ""},
		{"the old name of a renamed schema",
			"x-helpmock-import:\n  rename:\n    RefreshTokenResponse: Tokens\ncomponents:\n  schemas:\n    RefreshTokenResponse:\n      description: The tokens.\n",
			"components.schemas.RefreshTokenResponse: the import writes no schema RefreshTokenResponse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := helppage.Import(docs, helppage.Options{Overlay: []byte(tt.overlay), OverlayName: "o.yaml"})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Import(overlay %s) = %v, want nil", tt.name, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Import(overlay %s) = %v, want an error containing %q", tt.name, err, tt.wantErr)
			}
		})
	}
}
