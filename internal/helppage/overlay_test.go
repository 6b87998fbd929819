package helppage_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/helppage"
)

// TestOverlay checks the merge rules on the PFMS seed.
func TestOverlay(t *testing.T) {
	seed, err := os.ReadFile("../../docs/helppages/002_a902dc09f605260a.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := []helppage.Document{{Name: "002.txt", Data: seed}}
	tests := []struct {
		name, overlay string
		want          []string // substrings of the output
		notWant       []string
		wantErr       string
	}{
		{"keyword merged into an operation",
			"paths:\n  /api/PFMS/pfms_get_refresh_token:\n    post:\n      operationId: pfmsGetRefreshToken\n      tags: [PFMS]\n",
			[]string{"operationId: pfmsGetRefreshToken\n      tags: [PFMS]\n"}, []string{"postPFMSPfmsGetRefreshToken"}, ""},
		{"null removes a key",
			"paths:\n  /api/PFMS/pfms_get_refresh_token:\n    post:\n      summary: null\n",
			nil, []string{"summary: Documentation for"}, ""},
		{"rename a schema and its references",
			"x-helpmock-import:\n  rename:\n    RefreshTokenResponse: TokenResult\n",
			[]string{"    TokenResult:\n", "$ref: '#/components/schemas/TokenResult'", "name: TokenResult"}, []string{"schemas/RefreshTokenResponse'"}, ""},
		{"member description merged",
			"components:\n  schemas:\n    RequestModelRefreshToken:\n      properties:\n        stateCode:\n          description: The state.\n",
			[]string{"stateCode:\n          type: string\n          nullable: true\n          description: The state.\n"}, nil, ""},
		{"unknown member rejected",
			"components:\n  schemas:\n    RequestModelRefreshToken:\n      properties:\n        StateCode:\n          description: typo\n",
			nil, nil, "member StateCode is not in the Help Pages"},
		{"unknown path rejected",
			"paths:\n  /api/PFMS/other:\n    post:\n      summary: x\n",
			nil, nil, "path /api/PFMS/other is not in the Help Pages"},
		{"unknown method rejected",
			"paths:\n  /api/PFMS/pfms_get_refresh_token:\n    get:\n      summary: x\n",
			nil, nil, "operation GET /api/PFMS/pfms_get_refresh_token is not in the Help Pages"},
		{"rename of a missing schema rejected",
			"x-helpmock-import:\n  rename:\n    Nope: X\n",
			nil, nil, "no schema Nope to rename"},
		{"overlay that is not a mapping rejected", "- a\n", nil, nil, "not a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := helppage.Import(docs, helppage.Options{Overlay: []byte(tt.overlay), OverlayName: "o.yaml"})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Import(overlay %q) error = %v, want %q", tt.name, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Import(overlay %q) = %v", tt.name, err)
			}
			out := string(res.YAML)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("Import(overlay %q) lacks %q", tt.name, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("Import(overlay %q) still has %q", tt.name, w)
				}
			}
		})
	}
}

// TestOverlayEncodings: an overlay edited in Notepad and saved as "ANSI" (Windows-1252)
// is read as the pages are, with a warning that names it and the line of its first byte
// that is not UTF-8, and its accented text reaches the spec as UTF-8; one in UTF-8 or
// UTF-16 with a byte order mark needs no warning.
func TestOverlayEncodings(t *testing.T) {
	seed, err := os.ReadFile("../../docs/helppages/002_a902dc09f605260a.txt")
	if err != nil {
		t.Fatal(err)
	}
	docs := []helppage.Document{{Name: "002.txt", Data: seed}}
	const text = "components:\n  schemas:\n    RequestModelRefreshToken:\n      properties:\n        stateCode:\n          description: Código do estado.\n"
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range text {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	tests := []struct {
		name        string
		overlay     []byte
		wantWarning string
	}{
		{"UTF-8", []byte(text), ""},
		{"UTF-8 with a byte order mark", append([]byte("\xEF\xBB\xBF"), text...), ""},
		{"UTF-16 with a byte order mark", utf16, ""},
		{"Windows-1252", []byte(strings.Replace(text, "ó", "\xF3", 1)), `o.yaml:6: not UTF-8; read as Windows-1252 (Notepad's "ANSI")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := helppage.Import(docs, helppage.Options{Overlay: tt.overlay, OverlayName: "o.yaml"})
			if err != nil {
				t.Fatalf("Import = %v", err)
			}
			if !strings.Contains(string(res.YAML), "description: Código do estado.\n") {
				t.Errorf("the spec does not hold the overlay's description as UTF-8:\n%s", res.YAML)
			}
			var got []string
			for _, w := range res.Warnings {
				if w.Source == "o.yaml" {
					got = append(got, w.String())
				}
			}
			if want := []string{tt.wantWarning}; tt.wantWarning == "" && len(got) > 0 || tt.wantWarning != "" && !slices.Equal(got, want) {
				t.Errorf("warnings about the overlay = %q, want %q", got, tt.wantWarning)
			}
		})
	}
}
