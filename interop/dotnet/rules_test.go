package dotnet_test

import (
	"context"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/interop/dotnet"
)

// TestRulesBroken feeds .NET the mock's answers for testdata/rules.yaml with one rule of
// the XML (or JSON) broken at a time, as a mock that broke it would write them, and
// checks that the rig catches each: the unbroken answers pass, every broken one fails
// the named check.
func TestRulesBroken(t *testing.T) {
	tc := toolchain(t)
	s, err := spec.LoadFile("testdata/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	models, rig, stop, err := dotnet.Prepare(context.Background(), tc, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	url := serve(t, s)
	const (
		lost  = ".NET reads every member with the value the mock meant"
		bytes = ".NET writes the same value in the same bytes"
		read  = ".NET cannot read it"
		// attempts is the mock's Attempts member, a List<int?>.
		attempts = `<Attempts xmlns:d2p1="http://schemas.datacontract.org/2004/07/System"><d2p1:int>1</d2p1:int><d2p1:int i:nil="true" /><d2p1:int>3</d2p1:int></Attempts>`
	)
	tests := []struct {
		name     string
		json     bool // break the JSON answer, not the XML one
		old, new string
		want     string // the check that must fail
	}{
		{name: "unbroken"},
		{name: "namespace: a base-class member in the derived class's namespace",
			old: `<Id xmlns="http://schemas.datacontract.org/2004/07/Logistics.Core">`, new: `<Id>`, want: read}, // Id is required
		{name: "namespace: a nested class's member in its container's namespace",
			old: `<d4p1:Label>fragile</d4p1:Label>`, new: `<d2p1:Label>fragile</d2p1:Label>`, want: lost},
		{name: "namespace: root in another namespace",
			old: `xmlns="http://schemas.datacontract.org/2004/07/Logistics.Shipping"`, new: `xmlns="http://schemas.datacontract.org/2004/07/Logistics"`, want: read},
		{name: "required member left out",
			old: `<Id xmlns="http://schemas.datacontract.org/2004/07/Logistics.Core">7</Id>`, new: ``, want: read},
		{name: "order: two members swapped",
			old: attempts + `<Carrier>sample string 2</Carrier>`, new: `<Carrier>sample string 2</Carrier>` + attempts, want: lost},
		{name: "i:nil: a null member left out",
			old: `<Note i:nil="true" />`, new: ``, want: bytes},
		{name: "i:nil: a null written empty",
			old: `<Note i:nil="true" />`, new: `<Note />`, want: lost},
		{name: "generic name: dictionary entry without its digest",
			old: `KeyValueOfstringParcel5cWJZR6D`, new: `KeyValueOfstringParcel`, want: lost},
		{name: "dictionary: Key outside the Arrays namespace",
			old: `<d2p1:Key>a</d2p1:Key>`, new: `<Key xmlns="">a</Key>`, want: read},
		{name: "collection: nullable items in the Arrays namespace",
			old: `<Attempts xmlns:d2p1="http://schemas.datacontract.org/2004/07/System">`, new: `<Attempts xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">`, want: lost},
		{name: "DateTimeOffset: offset lost",
			old: `<d2p1:OffsetMinutes>330</d2p1:OffsetMinutes>`, new: `<d2p1:OffsetMinutes>0</d2p1:OffsetMinutes>`, want: lost},
		{name: "DateTimeOffset: local time instead of UTC",
			old: `2024-11-21T08:42:50.8590439Z`, new: `2024-11-21T14:12:50.8590439Z`, want: lost},
		{name: "JSON order: inherited members first", json: true,
			old: `{"Zone":"north",`, new: `{"Id":7,"Zone":"north",`, want: bytes},
		{name: "JSON decimal: whole double without its decimal place", json: true,
			old: `"Weight":1.0`, new: `"Weight":1`, want: bytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mutated := false
			c := &dotnet.Checker{Spec: s, Models: models, Rig: rig, BaseURL: url}
			c.Mutate = func(_ *spec.Operation, scenario, mediaType string, body []byte) []byte {
				// The docs answers hold the sample; the default ones generated values.
				if tt.old == "" || scenario != spec.DocsExample || spec.IsJSON(mediaType) != tt.json {
					return body
				}
				if !strings.Contains(string(body), tt.old) {
					t.Fatalf("answer %s has no %s to break:\n%s", mediaType, tt.old, body)
				}
				mutated = true
				return []byte(strings.ReplaceAll(string(body), tt.old, tt.new))
			}
			var out strings.Builder
			c.Out = &out
			c.Run(context.Background())
			if tt.want == "" {
				if c.Failed != 0 || c.Passed == 0 {
					t.Fatalf("unbroken answers: %d passed, %d failed, want all to pass:\n%s", c.Passed, c.Failed, out.String())
				}
				return
			}
			if !mutated {
				t.Fatal("no answer was broken")
			}
			for _, f := range c.Failures {
				if strings.Contains(f, tt.want) {
					t.Logf("caught: %s", strings.SplitN(f, "\n", 2)[0])
					return
				}
			}
			t.Errorf("no %q check failed (%d passed, %d failed):\n%s", tt.want, c.Passed, c.Failed, out.String())
		})
	}
}
