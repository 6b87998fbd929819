package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/helpmock/helpmock/internal/helppage"
)

// defaultOverlay is the overlay `helpmock import` merges when -overlay is not given and
// the file exists in the current directory.
const defaultOverlay = "openapi.overlay.yaml"

const importUsage = `Usage: helpmock import [-o FILE] [-overlay FILE] [-strict] FILE|DIR...

Reads ASP.NET Web API Help Page documents (the HTML page /Help/Api/... or its text
rendering, either template generation; a directory's .txt, .html and .htm files) and writes
one OpenAPI 3.0.3 document, merged with an overlay for what the pages cannot say.
Warnings (what the pages do not say) go to stderr as FILE:LINE: message.

Flags:
`

// runImport implements `helpmock import`.
func runImport(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "-", "write the document to `FILE` (- for stdout)")
	overlay := fs.String("overlay", defaultOverlay, "merge the overlay `FILE` (\"\" for none; the default is skipped when absent)")
	strict := fs.Bool("strict", false, "exit 1 when there are warnings")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), importUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "helpmock import: no Help Page file or directory given")
		fs.Usage()
		return exitUsage
	}
	overlaySet := false
	fs.Visit(func(f *flag.Flag) { overlaySet = overlaySet || f.Name == "overlay" })

	var docs []helppage.Document
	for _, arg := range fs.Args() {
		d, err := readHelpPages(arg)
		if err != nil {
			fmt.Fprintf(stderr, "helpmock import: %v\n", err)
			return exitUsage
		}
		docs = append(docs, d...)
	}
	opts := helppage.Options{}
	if *overlay != "" {
		data, err := os.ReadFile(*overlay)
		switch {
		case err == nil:
			opts.Overlay, opts.OverlayName = data, *overlay
		case errors.Is(err, os.ErrNotExist) && !overlaySet:
		default:
			fmt.Fprintf(stderr, "helpmock import: overlay: %v\n", err)
			return exitUsage
		}
	}
	res, err := helppage.Import(docs, opts)
	if err != nil {
		fmt.Fprintf(stderr, "helpmock import: %v\n", err)
		return exitUsage
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err := writeOutput(*out, res.YAML, stdout); err != nil {
		fmt.Fprintf(stderr, "helpmock import: %v\n", err)
		return exitUsage
	}
	if *strict && len(res.Warnings) > 0 {
		fmt.Fprintf(stderr, "helpmock import: %d warnings (-strict)\n", len(res.Warnings))
		return exitFail
	}
	return exitOK
}

// readHelpPages reads a Help Page file, or a directory's documents, naming each by its
// path as given on the command line.
func readHelpPages(arg string) ([]helppage.Document, error) {
	info, err := os.Stat(arg)
	if err != nil {
		return nil, fmt.Errorf("read help pages: %w", err)
	}
	root, name := filepath.Dir(arg), filepath.Base(arg)
	if info.IsDir() {
		root, name = arg, "."
	}
	docs, err := helppage.ReadDocuments(os.DirFS(root), name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", arg, err)
	}
	for i := range docs {
		docs[i].Name = filepath.Join(root, filepath.FromSlash(docs[i].Name))
	}
	return docs, nil
}

// writeOutput writes data to stdout ("-") or to the file path, through a temporary file
// renamed into place so that a failed write never leaves half a spec behind.
func writeOutput(path string, data []byte, stdout io.Writer) error {
	if path == "-" {
		_, err := stdout.Write(data)
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(fs.FileMode(0o644)); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
