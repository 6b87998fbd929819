package specdiff

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
)

// edit replaces old, which must occur exactly once in the base document, with new.
type edit struct{ old, new string }

// want is a change the comparison must report, with its verdict ("breaks JSON",
// "breaks XML", "breaks JSON+XML" or "safe").
type want struct {
	kind    Kind
	verdict string
}

// changeCases holds, for each kind of change, an edit of testdata/base.yaml and the
// verdict. Each case also pins which clients the whole comparison says break, so a case
// fails when its rule is removed or when it breaks clients it should not.
var changeCases = []struct {
	name  string
	edits []edit
	// base, when set, is prepended to the old document too.
	base string
	want []want
}{
	// Operations, routes, methods.
	{
		name:  "operation removed",
		edits: []edit{{"  /api/v2/account/refreshtoken:\n    post:\n      operationId: refreshToken\n", "  /api/v2/account/refreshtoken:\n    x-removed: true\n  /api/v2/account/renew:\n    post:\n      operationId: renewToken\n"}},
		want:  []want{{OperationRemoved, "breaks JSON+XML"}, {OperationAdded, "safe"}},
	},
	{
		name:  "method removed",
		edits: []edit{{"    delete:\n      operationId: deleteNote\n", "    put:\n      operationId: putNote\n"}},
		want:  []want{{MethodRemoved, "breaks JSON+XML"}, {OperationAdded, "safe"}},
	},
	{
		name:  "route changed, same operationId",
		edits: []edit{{"  /api/Notes/{id}:\n", "  /api/Memos/{id}:\n"}},
		want:  []want{{RouteChanged, "breaks JSON+XML"}},
	},
	{
		name:  "route spelled in another case, parameter renamed",
		edits: []edit{{"  /api/Notes/{id}:\n", "  /api/notes/{noteId}:\n"}, {"      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: {type: integer, format: int32}\n      responses:\n        '200'", "      parameters:\n        - name: noteId\n          in: path\n          required: true\n          schema: {type: integer, format: int32}\n      responses:\n        '200'"}, {"        - name: id\n          in: path\n          required: true\n          schema: {type: integer, format: int32}\n      responses:\n        '204'", "        - name: noteId\n          in: path\n          required: true\n          schema: {type: integer, format: int32}\n      responses:\n        '204'"}},
		want:  []want{{RouteSpelling, "safe"}},
	},
	{
		name:  "route's optional trailing segment removed",
		edits: []edit{{"x-aspnet-route: api/{controller}/{id}/{format}", "x-aspnet-route: api/{controller}/{id}"}},
		want:  []want{{RouteSegments, "breaks JSON+XML"}},
	},
	{
		name:  "operationId changed",
		edits: []edit{{"operationId: getNote", "operationId: fetchNote"}},
		want:  []want{{OperationIDChanged, "safe"}},
	},
	{
		name:  "operation added",
		edits: []edit{{"components:\n", "  /api/Notes:\n    get:\n      operationId: listNotes\n      responses:\n        '200':\n          description: The notes.\n          content:\n            application/json:\n              schema:\n                type: array\n                items:\n                  $ref: '#/components/schemas/Note'\ncomponents:\n"}},
		want:  []want{{OperationAdded, "safe"}},
	},
	{
		name:  "required query parameter added",
		edits: []edit{{"    get:\n      operationId: getNote\n      parameters:\n", "    get:\n      operationId: getNote\n      parameters:\n        - name: culture\n          in: query\n          required: true\n          schema: {type: string}\n"}},
		want:  []want{{ParameterAdded, "breaks JSON+XML"}},
	},
	{
		name:  "required header parameter added on the path item",
		edits: []edit{{"    x-aspnet-route: api/{controller}/{id}/{format}\n", "    x-aspnet-route: api/{controller}/{id}/{format}\n    parameters:\n      - name: X-Tenant\n        in: header\n        required: true\n        schema: {type: string}\n"}},
		want:  []want{{ParameterAdded, "breaks JSON+XML"}},
	},
	{
		name: "credentials now required",
		edits: []edit{{"    get:\n      operationId: getNote\n", "    get:\n      operationId: getNote\n      security: [{bearer: []}]\n"},
			{"components:\n", "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n"}},
		want: []want{{SecurityChanged, "breaks JSON+XML"}},
	},
	{
		name: "credentials required, anonymous still allowed",
		edits: []edit{{"    get:\n      operationId: getNote\n", "    get:\n      operationId: getNote\n      security: [{bearer: []}, {}]\n"},
			{"components:\n", "components:\n  securitySchemes:\n    bearer: {type: http, scheme: bearer}\n"}},
	},
	{
		name:  "path parameter type changed",
		edits: []edit{{"    get:\n      operationId: getNote\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: {type: integer, format: int32}\n", "    get:\n      operationId: getNote\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema: {type: string, format: uuid}\n"}},
		want:  []want{{TypeChanged, "breaks JSON+XML"}},
	},
	{
		name:  "request body became optional",
		edits: []edit{{"  /api/v2/account/refreshtoken:\n    post:\n      operationId: refreshToken\n      summary: Refresh an access token\n      requestBody:\n        required: true\n", "  /api/v2/account/refreshtoken:\n    post:\n      operationId: refreshToken\n      summary: Refresh an access token\n      requestBody:\n        required: false\n"}},
		want:  []want{{RequestBodyOptional, "safe"}},
	},
	{
		name:  "required request body added",
		edits: []edit{{"    delete:\n      operationId: deleteNote\n", "    delete:\n      operationId: deleteNote\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/Note'\n"}},
		want:  []want{{RequestBodyAdded, "breaks JSON+XML"}},
	},
	// Media types.
	{
		name:  "request XML media type removed",
		edits: []edit{{"          application/xml:\n            schema:\n              $ref: '#/components/schemas/AccessTokenBindingModel'\n", ""}},
		want:  []want{{MediaTypeRemoved, "breaks XML"}},
	},
	{
		name:  "request form media type removed",
		edits: []edit{{"          application/x-www-form-urlencoded:\n            schema:\n              $ref: '#/components/schemas/AccessTokenBindingModel'\n", ""}},
		want:  []want{{MediaTypeRemoved, "breaks JSON"}},
	},
	{
		name:  "response JSON media type removed",
		edits: []edit{{"            application/json:\n              schema:\n                $ref: '#/components/schemas/LoginResult'\n", ""}},
		want:  []want{{MediaTypeRemoved, "breaks JSON"}},
	},
	{
		name:  "response media type added",
		edits: []edit{{"            application/xml:\n              schema:\n                $ref: '#/components/schemas/LoginResult'\n", "            application/xml:\n              schema:\n                $ref: '#/components/schemas/LoginResult'\n            text/xml:\n              schema:\n                $ref: '#/components/schemas/LoginResult'\n"}},
		want:  []want{{MediaTypeAdded, "safe"}},
	},
	// Statuses.
	{
		name:  "success status changed",
		edits: []edit{{"        '204':\n          description: Deleted.", "        '200':\n          description: Deleted."}},
		want:  []want{{SuccessStatusChanged, "breaks JSON+XML"}},
	},
	{
		name:  "error status no longer documented",
		edits: []edit{{"        '400':\n          description: The body could not be bound.", "        '409':\n          description: The body could not be bound."}},
		want:  []want{{StatusRemoved, "safe"}, {StatusAdded, "safe"}},
	},
	// Members.
	{
		name:  "response member removed",
		edits: []edit{{"            TokenType:\n              type: string\n              nullable: true\n", ""}, {"required: [AccessToken, TokenType, ErrorCode, State]", "required: [AccessToken, ErrorCode, State]"}},
		want:  []want{{MemberRemoved, "breaks JSON+XML"}},
	},
	{
		name:  "request member removed",
		edits: []edit{{"        AccessTokenRefresh:\n          type: string\n          nullable: true\n", ""}},
		want:  []want{{MemberRemoved, "safe"}},
	},
	{
		name:  "response member renamed",
		edits: []edit{{"            TokenType:\n", "            TokenKind:\n"}, {"required: [AccessToken, TokenType, ErrorCode, State]", "required: [AccessToken, TokenKind, ErrorCode, State]"}},
		want:  []want{{MemberRenamed, "breaks JSON+XML"}},
	},
	{
		name:  "request member renamed",
		edits: []edit{{"        AccessTokenRefresh:\n", "        RefreshToken:\n"}},
		// DataContractSerializer also reads RefreshToken before the others now.
		want: []want{{MemberRenamed, "breaks JSON+XML"}, {MemberOrderChanged, "breaks XML"}},
	},
	{
		name:  "request member renamed in case only",
		edits: []edit{{"        Lifetime:\n", "        lifetime:\n"}},
		// Json.NET and form binding match names case-insensitively; XML does not.
		want: []want{{MemberRenamed, "breaks XML"}},
	},
	{
		name:  "response member renamed in case only",
		edits: []edit{{"            Remaining:\n", "            remaining:\n"}},
		// remaining now sorts after the upper-case members in ordinal order.
		want: []want{{MemberRenamed, "breaks JSON+XML"}, {MemberOrderChanged, "breaks XML"}},
	},
	{
		name:  "optional member added to a response",
		edits: []edit{{"            Remaining:\n", "            Scope:\n              type: string\n            Remaining:\n"}},
		want:  []want{{MemberAdded, "safe"}},
	},
	{
		name:  "optional member added to a request",
		edits: []edit{{"        Lifetime:\n", "        Audience:\n          type: string\n        Lifetime:\n"}},
		want:  []want{{MemberAdded, "safe"}},
	},
	{
		name:  "required member added to a request",
		edits: []edit{{"        Lifetime:\n", "        Audience:\n          type: string\n        Lifetime:\n"}, {"      properties:\n        AccessTokenOld:", "      required: [Audience]\n      properties:\n        AccessTokenOld:"}},
		want:  []want{{MemberAdded, "breaks JSON+XML"}},
	},
	{
		name:  "request member became required",
		edits: []edit{{"      properties:\n        AccessTokenOld:", "      required: [AccessTokenOld]\n      properties:\n        AccessTokenOld:"}},
		want:  []want{{MemberRequired, "breaks JSON+XML"}},
	},
	{
		name:  "response member became required",
		edits: []edit{{"required: [AccessToken, TokenType, ErrorCode, State]", "required: [AccessToken, TokenType, ErrorCode, State, Remaining]"}},
		want:  []want{{MemberRequired, "safe"}},
	},
	{
		name:  "response member became optional",
		edits: []edit{{"required: [AccessToken, TokenType, ErrorCode, State]", "required: [AccessToken, TokenType, State]"}},
		want:  []want{{MemberOptional, "breaks JSON+XML"}},
	},
	// Types and formats.
	{
		name:  "response member type changed",
		edits: []edit{{"            ErrorCode:\n              type: integer\n              format: int32\n", "            ErrorCode:\n              type: string\n"}},
		want:  []want{{TypeChanged, "breaks JSON+XML"}},
	},
	{
		name:  "response integer widened to number",
		edits: []edit{{"            ErrorCode:\n              type: integer\n              format: int32\n", "            ErrorCode:\n              type: number\n              format: double\n"}},
		want:  []want{{TypeChanged, "breaks JSON+XML"}},
	},
	{
		name:  "request integer widened to number",
		edits: []edit{{"        Lifetime:\n          type: integer\n          format: int32\n", "        Lifetime:\n          type: number\n          format: double\n"}},
		want:  []want{{TypeChanged, "safe"}},
	},
	{
		name:  "response format widened",
		edits: []edit{{"            ErrorCode:\n              type: integer\n              format: int32\n", "            ErrorCode:\n              type: integer\n              format: int64\n"}},
		want:  []want{{FormatChanged, "breaks JSON+XML"}},
	},
	{
		name:  "request format narrowed",
		edits: []edit{{"        AccessTokenOld:\n          type: string\n", "        AccessTokenOld:\n          type: string\n          format: uuid\n"}},
		want:  []want{{FormatChanged, "breaks JSON+XML"}},
	},
	{
		name:  "request format widened",
		edits: []edit{{"        Lifetime:\n          type: integer\n          format: int32\n", "        Lifetime:\n          type: integer\n          format: int64\n"}},
		want:  []want{{FormatChanged, "safe"}},
	},
	// Nullability.
	{
		name:  "request member no longer nullable",
		edits: []edit{{"        Lifetime:\n          type: integer\n          format: int32\n          nullable: true\n", "        Lifetime:\n          type: integer\n          format: int32\n"}},
		want:  []want{{NullableChanged, "breaks JSON+XML"}},
	},
	{
		name:  "response member no longer nullable",
		edits: []edit{{"            AccessToken:\n              type: string\n              nullable: true\n", "            AccessToken:\n              type: string\n"}},
		want:  []want{{NullableChanged, "safe"}},
	},
	{
		name:  "response member became nullable",
		edits: []edit{{"            ErrorCode:\n              type: integer\n              format: int32\n", "            ErrorCode:\n              type: integer\n              format: int32\n              nullable: true\n"}},
		want:  []want{{NullableChanged, "breaks JSON+XML"}},
	},
	// Enums.
	{
		name:  "request enum value removed",
		edits: []edit{{"enum: [Web, Mobile]", "enum: [Web]"}},
		want:  []want{{EnumValuesRemoved, "breaks JSON+XML"}},
	},
	{
		name:  "request enum value added",
		edits: []edit{{"enum: [Web, Mobile]", "enum: [Web, Mobile, Kiosk]"}},
		want:  []want{{EnumValuesAdded, "safe"}},
	},
	{
		name:  "response enum value removed",
		edits: []edit{{"enum: [Active, Locked]", "enum: [Active]"}},
		want:  []want{{EnumValuesRemoved, "safe"}},
	},
	{
		name:  "response enum value added",
		edits: []edit{{"enum: [Active, Locked]", "enum: [Active, Locked, Expired]"}},
		want:  []want{{EnumValuesAdded, "breaks JSON+XML"}},
	},
	{
		name:  "request integer enum added",
		edits: []edit{{"        Lifetime:\n          type: integer\n          format: int32\n", "        Lifetime:\n          type: integer\n          format: int32\n          enum: [30, 60]\n"}},
		want:  []want{{EnumAdded, "breaks JSON+XML"}},
	},
	// Constraints.
	{
		name:  "request maxLength lowered",
		edits: []edit{{"        AccessTokenRefresh:\n          type: string\n", "        AccessTokenRefresh:\n          type: string\n          maxLength: 64\n"}},
		want:  []want{{ConstraintChanged, "breaks JSON+XML"}},
	},
	{
		name:  "response maximum added",
		edits: []edit{{"            Remaining:\n              type: integer\n              format: int32\n", "            Remaining:\n              type: integer\n              format: int32\n              maximum: 100\n"}},
		want:  []want{{ConstraintChanged, "safe"}},
	},
	{
		name:  "response pattern added",
		edits: []edit{{"        Text:\n          type: string\n          nullable: true\n", "        Text:\n          type: string\n          nullable: true\n          pattern: '^[a-z]+$'\n"}},
		want:  []want{{ConstraintChanged, "safe"}},
	},
	// What only an XML client feels.
	{
		name:  "data contract namespace changed",
		edits: []edit{{"namespace: http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models\n", "namespace: http://schemas.datacontract.org/2004/07/FormulaCertaAPI.Models.Common\n"}},
		want:  []want{{NamespaceChanged, "breaks XML"}},
	},
	{
		name:  "root namespace changed",
		edits: []edit{{"namespace: http://schemas.datacontract.org/2004/07/Notes.Models", "namespace: http://schemas.datacontract.org/2004/07/Notes.Models.V2"}},
		want:  []want{{XMLRootChanged, "breaks XML"}, {NamespaceChanged, "breaks XML"}},
	},
	{
		name:  "root name changed in XML only",
		edits: []edit{{"        name: Note\n", "        name: NoteDto\n"}},
		want:  []want{{XMLRootChanged, "breaks XML"}},
	},
	{
		name:  "member name changed in XML only",
		edits: []edit{{"        Text:\n          type: string\n          nullable: true\n", "        Text:\n          type: string\n          nullable: true\n          xml:\n            name: Body\n"}},
		// Body also sorts before Id in DataContractSerializer's ordinal order.
		want: []want{{XMLNameChanged, "breaks XML"}, {MemberOrderChanged, "breaks XML"}},
	},
	{
		name:  "collection item element renamed",
		edits: []edit{{"        Tags:\n          type: array\n          items:\n            type: string\n", "        Tags:\n          type: array\n          items:\n            type: string\n            xml:\n              name: Tag\n"}},
		want:  []want{{XMLItemChanged, "breaks XML"}},
	},
	{
		name:  "collection items no longer nullable",
		edits: []edit{{"            format: int32\n            nullable: true\n", "            format: int32\n"}},
		// List<int?> to List<int>: the items move from System's namespace to Arrays'.
		want: []want{{XMLItemChanged, "breaks XML"}, {NullableChanged, "safe"}},
	},
	{
		name:  "base class renamed",
		edits: []edit{{"        name: BaseResult\n", "        name: ResultBase\n"}},
		// A base class's name is not on the wire; its namespace is.
		want: nil,
	},
	{
		name:  "member order changed by DataMember Order",
		edits: []edit{{"        Id:\n          type: integer\n          format: int32\n", "        Id:\n          type: integer\n          format: int32\n          x-dotnet-order: 2\n"}},
		want:  []want{{MemberOrderChanged, "breaks XML"}},
	},
	{
		name: "member moved from base to derived class",
		edits: []edit{
			{"        Succeeded:\n          type: boolean\n", ""},
			{"required: [Succeeded, Errors]", "required: [Errors]"},
			{"            AccessToken:\n              type: string\n              nullable: true\n", "            AccessToken:\n              type: string\n              nullable: true\n            Succeeded:\n              type: boolean\n"},
			{"required: [AccessToken, TokenType, ErrorCode, State]", "required: [AccessToken, TokenType, ErrorCode, State, Succeeded]"},
		},
		want: []want{{MemberMovedClass, "breaks XML"}, {MemberOrderChanged, "breaks XML"}},
	},
	{
		name: "member order changed under XmlSerializer",
		edits: []edit{
			{"info:\n", "x-dotnet-xml-serializer: XmlSerializer\ninfo:\n"},
			{"        Id:\n          type: integer\n          format: int32\n        Text:\n          type: string\n          nullable: true\n", "        Text:\n          type: string\n          nullable: true\n        Id:\n          type: integer\n          format: int32\n"},
		},
		// Old and new both use XmlSerializer, which reads members in any order.
		base: "x-dotnet-xml-serializer: XmlSerializer\n",
		want: []want{{MemberOrderChanged, "safe"}},
	},
	{
		name:  "serializer switched to XmlSerializer",
		edits: []edit{{"info:\n", "x-dotnet-xml-serializer: XmlSerializer\ninfo:\n"}},
		want:  []want{{SerializerChanged, "breaks XML"}},
	},
	{
		name:  "description changed",
		edits: []edit{{"description: The access token being replaced.", "description: The access token to replace."}},
		want:  []want{{DescriptionChanged, "safe"}},
	},
}

func TestCompareChangeKinds(t *testing.T) {
	base := readFile(t, "testdata/base.yaml")
	for _, tt := range changeCases {
		t.Run(tt.name, func(t *testing.T) {
			old := loadSpec(t, "old.yaml", strings.Replace(base, "info:\n", tt.base+"info:\n", 1))
			text := base
			for _, e := range tt.edits {
				if n := strings.Count(text, e.old); n != 1 {
					t.Fatalf("edit %q: found %d times in the base, want once", e.old, n)
				}
				text = strings.Replace(text, e.old, e.new, 1)
			}
			report := Compare(old, loadSpec(t, "new.yaml", text))
			checkReport(t, report, tt.want)
			if testing.Verbose() {
				t.Log("\n" + dump(report))
			}
		})
	}
}

// checkReport checks that report has each wanted change with its verdict and no change
// of another kind, and that the clients it says break are those the wanted changes break.
func checkReport(t *testing.T, report *Report, wants []want) {
	t.Helper()
	var wantJSON, wantXML bool
	for _, w := range wants {
		wantJSON = wantJSON || strings.Contains(w.verdict, "JSON")
		wantXML = wantXML || strings.Contains(w.verdict, "XML")
		found := false
		for _, c := range report.Changes {
			if c.Kind == w.kind && c.Verdict() == w.verdict {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s change that %s; got:\n%s", w.kind, w.verdict, dump(report))
		}
	}
	for _, c := range report.Changes {
		if !slices.ContainsFunc(wants, func(w want) bool { return w.kind == c.Kind }) {
			t.Errorf("unexpected %s change (%s); got:\n%s", c.Kind, c.Verdict(), dump(report))
		}
	}
	gotJSON, gotXML, _ := report.Count()
	if (gotJSON > 0) != wantJSON || (gotXML > 0) != wantXML {
		t.Errorf("breaks JSON %t, XML %t; want JSON %t, XML %t; got:\n%s", gotJSON > 0, gotXML > 0, wantJSON, wantXML, dump(report))
	}
	if report.Breaking() != (wantJSON || wantXML) {
		t.Errorf("Breaking() = %t, want %t", report.Breaking(), wantJSON || wantXML)
	}
}

func dump(r *Report) string {
	var b strings.Builder
	for _, c := range r.Changes {
		fmt.Fprintf(&b, "  %s | %s %s | %s | %s: %s %v\n", c.Verdict(), c.Operation, c.Where(), c.Path, c.Kind, c.Message, c.MediaTypes)
	}
	return b.String()
}

func readFile(tb testing.TB, path string) string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// loadSpec writes text to a file named name and loads it as helpmock does.
func loadSpec(tb testing.TB, name, text string) *spec.Spec {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	s, err := spec.LoadFile(path)
	if err != nil {
		tb.Fatalf("load %s: %v\n%s", name, err, text)
	}
	return s
}

func TestCompareIdentical(t *testing.T) {
	base := readFile(t, "testdata/base.yaml")
	if r := Compare(loadSpec(t, "old.yaml", base), loadSpec(t, "new.yaml", base)); len(r.Changes) != 0 {
		t.Errorf("Compare(base, base) = %d changes, want none:\n%s", len(r.Changes), dump(r))
	}
}
