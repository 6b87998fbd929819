package dotnet

import "testing"

// TestFrameworkObject: Mono's typed empty element for a System.Object member is read as
// .NET Framework's plain one; any other i:type stays.
func TestFrameworkObject(t *testing.T) {
	tests := []struct{ mono, want string }{
		{`<Extra xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:anyType" /><Name>a</Name>`, `<Extra /><Name>a</Name>`},
		{`<Extra xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d3p1:anyType" />`, `<Extra xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d3p1:anyType" />`},
		{`<Extra xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:int">1</Extra>`, `<Extra xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:int">1</Extra>`},
	}
	for _, tt := range tests {
		if got := monoObject.ReplaceAllStringFunc(tt.mono, frameworkObject); got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.mono, got, tt.want)
		}
	}
}
