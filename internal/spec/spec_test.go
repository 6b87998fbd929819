package spec_test

import (
	"errors"
	"os"
	"slices"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

func loadDefault(t testing.TB) *spec.Spec {
	t.Helper()
	data, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load("openapi.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func names(t testing.TB, s *spec.Spec, op string, status int, mt string, xml bool) []string {
	t.Helper()
	o := s.Operation(op)
	if o == nil {
		t.Fatalf("no operation %s", op)
	}
	typ := o.Response(status, mt)
	if typ == nil {
		t.Fatalf("%s: no %d %s response", op, status, mt)
	}
	members := typ.Members
	if xml {
		members = typ.XMLMembers
	}
	var out []string
	for _, m := range members {
		out = append(out, m.Name)
	}
	return out
}

func TestMemberOrder(t *testing.T) {
	s := loadDefault(t)
	tests := []struct {
		name, op, mt string
		xml          bool
		want         []string
	}{
		{"LoginResult JSON is own members then inherited", "refreshToken", spec.ApplicationJSON, false,
			[]string{"AccessToken", "RefreshAccessToken", "TokenType", "Expires", "ErrorCode", "ClienteId", "Succeeded", "Errors"}},
		{"LoginResult XML is base first, ordinal, no ClienteId", "refreshToken", spec.TextXML, true,
			[]string{"Errors", "Succeeded", "AccessToken", "ErrorCode", "Expires", "RefreshAccessToken", "TokenType"}},
		{"PFMS JSON is declaration order", "pfmsGetRefreshToken", spec.TextJSON, false,
			[]string{"AckCode", "Status", "Remarks", "DateOfData", "RefreshTokenResponse"}},
		{"PFMS XML is ordinal", "pfmsGetRefreshToken", spec.ApplicationXML, true,
			[]string{"AckCode", "DateOfData", "RefreshTokenResponse", "Remarks", "Status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(t, s, tt.op, 200, tt.mt, tt.xml); !slices.Equal(got, tt.want) {
				t.Errorf("members = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNamespaces(t *testing.T) {
	s := loadDefault(t)
	typ := s.Operation("refreshToken").Response(200, spec.ApplicationXML)
	want := map[string]string{
		"Errors":      "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models",
		"Succeeded":   "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models",
		"AccessToken": "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result",
		"Expires":     "http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.v2.Result",
	}
	for _, m := range typ.XMLMembers {
		if ns, ok := want[m.Name]; ok && m.Namespace != ns {
			t.Errorf("%s namespace = %q, want %q", m.Name, m.Namespace, ns)
		}
	}
	if typ.Name != "LoginResult" {
		t.Errorf("root name = %q, want LoginResult", typ.Name)
	}
	errs := typ.Member("Errors").Type
	if errs.ItemName != "string" || errs.ItemNamespace != "http://schemas.microsoft.com/2003/10/Serialization/Arrays" {
		t.Errorf("Errors items = %s in %s", errs.ItemName, errs.ItemNamespace)
	}
}

func TestMatch(t *testing.T) {
	s := loadDefault(t)
	tests := []struct {
		name, method, path, wantOp string
		wantErr                    string
	}{
		{"exact", "POST", "/api/v2/account/refreshtoken", "refreshToken", ""},
		{"other case", "post", "/API/V2/Account/RefreshToken", "refreshToken", ""},
		{"trailing slash", "POST", "/api/PFMS/pfms_get_refresh_token/", "pfmsGetRefreshToken", ""},
		{"wrong method", "GET", "/api/pfms/PFMS_GET_REFRESH_TOKEN", "", "405"},
		{"unknown", "POST", "/api/Account/RefreshToken", "", "404"},
		{"extra segment", "POST", "/api/v2/account/refreshtoken/x", "", "404"},
		{"convention route's optional id", "POST", "/api/PFMS/pfms_get_refresh_token/5", "pfmsGetRefreshToken", ""},
		{"beyond the convention route", "POST", "/api/PFMS/pfms_get_refresh_token/5/6", "", "404"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op, _, err := s.Match(tt.method, tt.path)
			var mna *spec.MethodNotAllowedError
			switch {
			case tt.wantErr == "404" && !errors.Is(err, spec.ErrNotFound):
				t.Fatalf("Match(%s %s) err = %v, want ErrNotFound", tt.method, tt.path, err)
			case tt.wantErr == "405" && (!errors.As(err, &mna) || !slices.Equal(mna.Allow, []string{"POST"})):
				t.Fatalf("Match(%s %s) err = %v, want 405 allowing POST", tt.method, tt.path, err)
			case tt.wantErr == "" && (err != nil || op.ID != tt.wantOp):
				t.Fatalf("Match(%s %s) = %v, %v; want %s", tt.method, tt.path, op, err, tt.wantOp)
			}
		})
	}
}
