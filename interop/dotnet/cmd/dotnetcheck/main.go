// Command dotnetcheck checks helpmock's answers for a spec against the real .NET
// serializers (see package interop/dotnet); interop/dotnet/check.sh runs it.
//
//	dotnetcheck [-url http://127.0.0.1:PORT] [-fixtures DIR] SPEC
//	dotnetcheck -gen SPEC        print the C# classes generated for SPEC
//
// Without -url it serves SPEC with the mock in-process. It prints one line per check and
// "N passed, M failed", and exits 0 when all pass, 1 when one fails, 2 on a set-up error.
// Without Mono it says how to get it and exits 0 (2 under CI=true).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/spec/bridge"
	"github.com/helpmock/helpmock/interop/dotnet"
	"github.com/helpmock/helpmock/mock"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dotnetcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	baseURL := fs.String("url", "", "`address` of a running mock serving SPEC (default: serve it in-process)")
	gen := fs.Bool("gen", false, "print the C# classes generated for SPEC and exit")
	fixturesDir := fs.String("fixtures", "", "fixtures `directory` the mock serves: its scenarios are checked too (default: none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: dotnetcheck [-url URL] [-fixtures DIR] [-gen] SPEC")
		return 2
	}
	s, err := spec.LoadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "dotnetcheck: %v\n", err)
		return 2
	}
	if *gen {
		models, err := dotnet.Generate(s)
		if err != nil {
			fmt.Fprintf(stderr, "dotnetcheck: %v\n", err)
			return 2
		}
		fmt.Fprint(stdout, models.Source)
		return 0
	}
	tc, err := dotnet.Available()
	if err != nil {
		fmt.Fprintf(stderr, "dotnetcheck: skipped: %v\n", err)
		if os.Getenv("CI") == "true" {
			return 2
		}
		return 0
	}
	var set *fixtures.Set
	if *fixturesDir != "" {
		if set, err = fixtures.Load(os.DirFS(*fixturesDir)); err != nil {
			fmt.Fprintf(stderr, "dotnetcheck: %v\n", err)
			return 2
		}
	}
	if *baseURL == "" {
		m, err := mock.New(mock.Options{Spec: bridge.Public(s), Fixtures: set})
		if err != nil {
			fmt.Fprintf(stderr, "dotnetcheck: %v\n", err)
			return 2
		}
		srv := httptest.NewServer(m)
		defer srv.Close()
		*baseURL = srv.URL
	}
	c, err := dotnet.Check(context.Background(), tc, s, set, strings.TrimSuffix(*baseURL, "/"), stdout)
	if err != nil {
		fmt.Fprintf(stderr, "dotnetcheck: %v\n", err)
		return 2
	}
	if c.Failed > 0 {
		return 1
	}
	return 0
}
