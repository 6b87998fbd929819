package dotnet_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/interop/dotnet"
)

// TestInteropCommandLine runs Interop.exe's read and write modes as a user would.
func TestInteropCommandLine(t *testing.T) {
	tc := toolchain(t)
	s, err := spec.LoadFile("testdata/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	models, err := dotnet.Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := tc.Build(context.Background(), models, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	const value = `{"Zone":"north","Carrier":null,"Note":null,"Dispatched":"2024-11-21T14:12:50.8590439+05:30","Attempts":[1,null],"Parcels":{},"Counts":null,"Id":7,"CreatedBy":null}`
	mono := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command(tc.Mono, append([]string{exe}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		return string(out), err
	}
	xml, err := mono(value, "write", "Shipment", "xml")
	if err != nil {
		t.Fatalf("write Shipment xml: %v", err)
	}
	if !strings.Contains(xml, `<d2p1:OffsetMinutes>330</d2p1:OffsetMinutes>`) || !strings.Contains(xml, `<Id xmlns="http://schemas.datacontract.org/2004/07/Logistics.Core">7</Id>`) {
		t.Errorf("write Shipment xml = %s, want its DateTimeOffset and base-class Id", xml)
	}
	back, err := mono(xml, "read", "Shipment", "xml")
	if err != nil {
		t.Fatalf("read Shipment xml: %v", err)
	}
	if back != value {
		t.Errorf("read Shipment xml = %s\nwant %s", back, value)
	}
	if _, err := mono("{}", "read", "NoSuchType", "json"); err == nil {
		t.Error("read NoSuchType: no error")
	}
	if _, err := mono("", "bogus"); err == nil {
		t.Error("bogus mode: no error")
	}
}
