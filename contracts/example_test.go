package contracts_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"

	"github.com/helpmock/helpmock/contracts"
	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// Verify checks a running implementation; here the mock, started in-process.
func ExampleVerify() {
	s, err := spec.LoadFile("../openapi.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	set, err := fixtures.Load(os.DirFS("../fixtures"))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := mock.New(mock.Options{Spec: s, Fixtures: set})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv := httptest.NewServer(m)
	defer srv.Close()

	report, err := contracts.Verify(context.Background(), contracts.Options{Target: srv.URL, Spec: s})
	if err != nil {
		fmt.Println(err) // set-up error: bad target, unknown operation, target unreachable
		return
	}
	for _, v := range report.Violations() {
		fmt.Println(v) // case, check, path, message, expected and actual
	}
	fmt.Printf("%d passed, %d failed\n", report.Passed, report.Failed)
	// Output:
	// 116 passed, 0 failed
}
