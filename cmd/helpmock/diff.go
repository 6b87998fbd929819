package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/helpmock/helpmock/internal/spec"
	"github.com/helpmock/helpmock/internal/specdiff"
)

const diffUsage = `Usage: helpmock diff [-json | -markdown] OLD NEW

Compares two versions of an OpenAPI document (say the committed openapi.yaml and a fresh
import of the Help Pages) as helpmock compiles them, and classifies every change for
JSON clients and for XML clients separately: breaking for JSON, for XML, for both, or
safe. Besides removed operations, media types, members, type, format, required, enum and
status changes, it catches what only a DataContract client feels: a namespace change, an
XML-only rename, a change of member order (DataContractSerializer drops out-of-order
members silently), a member moved between base and derived class, a switch between
DataContractSerializer and XmlSerializer, a member that became (non-)nullable.

Prints a table, breaking changes first, and a summary line.

Exit status: 0 nothing breaks, 1 something breaks, 2 usage or set-up error (a document
that does not load).

Flags:
`

// runDiff implements `helpmock diff`.
func runDiff(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "write the report as JSON")
	asMarkdown := fs.Bool("markdown", false, "write the report as Markdown, for a pull-request comment")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), diffUsage)
		fs.PrintDefaults()
	}
	// Flags may come before, between or after the two documents.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 2 {
		fmt.Fprintf(stderr, "helpmock diff: want two documents, OLD and NEW; got %d\n", len(files))
		fs.Usage()
		return exitUsage
	}
	if *asJSON && *asMarkdown {
		fmt.Fprintln(stderr, "helpmock diff: -json and -markdown exclude each other")
		return exitUsage
	}
	var specs [2]*spec.Spec
	for i, path := range files {
		s, err := spec.LoadFile(path)
		if err != nil {
			printError(stderr, "diff", err)
			return exitUsage
		}
		specs[i] = s
	}
	report := specdiff.Compare(specs[0], specs[1])
	write := report.WriteText
	switch {
	case *asJSON:
		write = report.WriteJSON
	case *asMarkdown:
		write = report.WriteMarkdown
	}
	if err := write(stdout); err != nil {
		fmt.Fprintf(stderr, "helpmock diff: write report: %v\n", err)
		return exitUsage
	}
	if report.Breaking() {
		return exitFail
	}
	return exitOK
}
