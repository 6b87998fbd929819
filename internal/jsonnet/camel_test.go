package jsonnet

import "testing"

// TestCamelCase checks CamelCase against the names Json.NET's StringUtils.ToCamelCase
// gives (its own test cases, and HttpError's keys).
func TestCamelCase(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Message", "message"},
		{"MessageDetail", "messageDetail"},
		{"ModelState", "modelState"},
		{"ExceptionMessage", "exceptionMessage"},
		{"StackTrace", "stackTrace"},
		{"model.Name", "model.Name"},
		{"Model.Name", "model.Name"},
		{"URLValue", "urlValue"},
		{"URL", "url"},
		{"ID", "id"},
		{"I", "i"},
		{"Person", "person"},
		{"iPhone", "iPhone"},
		{"IPhone", "iPhone"},
		{"I Phone", "i Phone"},
		{"I  Phone", "i  Phone"},
		{" IPhone", " IPhone"},
		{"IsCIA", "isCIA"},
		{"VmQ", "vmQ"},
		{"Xml2Json", "xml2Json"},
		{"SnAkEcAsE", "snAkEcAsE"},
		{"SnA__kEcAsE", "snA__kEcAsE"},
		{"already_snake_case_", "already_snake_case_"},
		{"IsJSONProperty", "isJSONProperty"},
		{"SHOUTING_CASE", "shoutinG_CASE"},
		{"9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z"},
		{"Hi!! This is text. Time to test.", "hi!! This is text. Time to test."},
		{"BUILDING", "building"},
		{"BUILDING Property", "building Property"},
		{"Building Property", "building Property"},
		{"BUILDING PROPERTY", "building PROPERTY"},
		{"", ""},
	} {
		if got := CamelCase(tc.in); got != tc.want {
			t.Errorf("CamelCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
