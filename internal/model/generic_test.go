package model

import "testing"

// TestGenericName checks generic data contract names against what Mono's
// DataContractSerializer writes (each want was read from its output): the digest, its
// "_P" and "_S" escapes, and the built-in namespaces that add none.
func TestGenericName(t *testing.T) {
	str := contractRef{"string", schemaNamespace}
	tests := []struct {
		base string
		args []contractRef
		want string
	}{
		{"KeyValue", []contractRef{str, {"int", schemaNamespace}}, "KeyValueOfstringint"},
		{"KeyValue", []contractRef{str, {"guid", SerializationNamespace}}, "KeyValueOfstringguid"},
		{"KeyValue", []contractRef{str, {"Note", "http://schemas.datacontract.org/2004/07/Notes.Api"}}, "KeyValueOfstringNote1nUFNFzU"},
		{"KeyValue", []contractRef{str, {"ArrayOfint", ArraysNamespace}}, "KeyValueOfstringArrayOfintty7Ep6D1"},
		{"KeyValue", []contractRef{str, {"NullableOfint", SystemNamespace}}, "KeyValueOfstringNullableOfintU6ho3Bhd"},
		{"KeyValue", []contractRef{str, {"Item", "http://schemas.datacontract.org/2004/07/Shop.V27"}}, "KeyValueOfstringItemcL_PD2_SEc"},
		{"Nullable", []contractRef{{"int", schemaNamespace}}, "NullableOfint"},
		{"Nullable", []contractRef{{"DateTimeOffset", SystemNamespace}}, "NullableOfDateTimeOffset5F2dSckg"},
	}
	for _, tt := range tests {
		if got := genericName(tt.base, tt.args...); got != tt.want {
			t.Errorf("genericName(%s, %v) = %s, want %s", tt.base, tt.args, got, tt.want)
		}
	}
}
