package mock_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// A long-running mock, as helpmock serve runs it: connection limits, a reload whenever
// the spec or a fixture changes, and a graceful shutdown when the context ends (a program
// would end it on SIGINT or SIGTERM with signal.NotifyContext).
func ExampleServer_Serve() {
	load := func() (*spec.Spec, *fixtures.Set, error) {
		s, err := spec.LoadFile("../openapi.yaml")
		if err != nil {
			return nil, nil, err
		}
		set, err := fixtures.Load(os.DirFS("../fixtures"))
		return s, set, err
	}
	s, set, err := load()
	if err != nil {
		fmt.Println(err)
		return
	}
	server, err := mock.New(mock.Options{Spec: s, Fixtures: set,
		ReadHeaderTimeout: 5 * time.Second, ShutdownTimeout: 30 * time.Second,
		Watch: &mock.Watch{Files: []string{"../openapi.yaml", "../fixtures/*.yaml"}, Load: load}})
	if err != nil {
		fmt.Println(err)
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, ln) }()

	resp, err := http.Post("http://"+ln.Addr().String()+"/api/v2/account/refreshtoken", "application/json",
		strings.NewReader(`{"AccessTokenOld":"a","AccessTokenRefresh":"b"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))

	stop()
	fmt.Println("Serve:", <-served)
	// Output:
	// 200 application/json; charset=utf-8
	// Serve: <nil>
}
