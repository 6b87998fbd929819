package contracts_test

import (
	"context"
	"os"
	"testing"

	"github.com/helpmock/helpmock/contracts"
)

func TestScratch(t *testing.T) {
	r, err := contracts.Verify(context.Background(), contracts.Options{Target: "http://127.0.0.1:5055", Spec: loadSpec(t)})
	if err != nil {
		t.Fatal(err)
	}
	r.WriteText(os.Stdout)
}
