package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/helpmock/helpmock/internal/crawl"
	"github.com/helpmock/helpmock/internal/helppage"
)

// overlayName is the overlay `helpmock import` merges when -overlay is not given and the
// file sits beside the input documents.
const overlayName = "openapi.overlay.yaml"

const importUsage = `Usage: helpmock import [-o FILE] [-overlay FILE] [-strict] [-save DIR] FILE|DIR|URL...

Reads ASP.NET Web API Help Page documents and writes one OpenAPI 3.0.3 document, merged
with an overlay for what the pages cannot say. Each argument is
  FILE  a Help Page (the HTML page /Help/Api/... or /Help/ResourceModel?modelName=...,
        or its text rendering, either template generation);
  DIR   a saved site as a mirror (wget -m, HTTrack, "Save page as") leaves it: its API
        and model pages, HTML or text, with or without an extension; the index page and
        the site's other files are skipped (-log-level debug lists them);
  URL   a live site's Help index (https://host/Help), crawled: the index, every page it
        links under the same path, and every page those link; never another host, path
        or redirect. -save DIR keeps the pages as a mirror names them, for an offline
        import that gives the same document.
The overlay is -overlay FILE, else openapi.overlay.yaml beside the input documents (in
the input directory, beside the input file, or in the -save directory), else none.
Warnings (what the pages do not say, pages that failed to load) go to stderr as
FILE:LINE: message.

Flags:
`

// importConfig holds the flags of `helpmock import`.
type importConfig struct {
	out, overlay, save string
	overlaySet, strict bool
	crawl              crawl.Options
	log                logFlags
}

// runImport implements `helpmock import`.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var cfg importConfig
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.out, "o", "-", "write the document to `FILE` (- for stdout)")
	fs.StringVar(&cfg.overlay, "overlay", "", "merge the overlay `FILE` (default: "+overlayName+" beside the inputs, when there is one; \"\" for none)")
	fs.BoolVar(&cfg.strict, "strict", false, "exit 1 when there are warnings")
	fs.StringVar(&cfg.save, "save", "", "keep the crawled pages in `DIR`, named as a mirror names them")
	fs.IntVar(&cfg.crawl.Concurrency, "concurrency", crawl.DefaultConcurrency, "crawl: at most `N` requests at a time")
	fs.DurationVar(&cfg.crawl.Timeout, "timeout", crawl.DefaultTimeout, "crawl: time limit of each request")
	fs.IntVar(&cfg.crawl.Retries, "retries", crawl.DefaultRetries, "crawl: try a request again up to `N` times after a timeout, a lost connection, a 5xx or a 429, waiting longer each time")
	fs.IntVar(&cfg.crawl.MaxPages, "max-pages", crawl.DefaultMaxPages, "crawl: fetch at most `N` pages (a warning says how many were left out)")
	fs.Int64Var(&cfg.crawl.MaxPageBytes, "max-page-bytes", crawl.DefaultMaxPageBytes, "crawl: skip (with a warning) a page larger than `N` bytes")
	fs.Int64Var(&cfg.crawl.MaxBytes, "max-bytes", crawl.DefaultMaxBytes, "crawl: stop (with a warning) once the pages fetched hold `N` bytes")
	cfg.log.register(fs)
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
		fmt.Fprintln(stderr, "helpmock import: no Help Page file, directory or URL given")
		fs.Usage()
		return exitUsage
	}
	fs.Visit(func(f *flag.Flag) { cfg.overlaySet = cfg.overlaySet || f.Name == "overlay" })
	if cfg.crawl.Concurrency < 1 || cfg.crawl.MaxPages < 1 || cfg.crawl.MaxPageBytes < 1 || cfg.crawl.MaxBytes < 1 || cfg.crawl.Timeout <= 0 {
		fmt.Fprintln(stderr, "helpmock import: -concurrency, -max-pages, -max-page-bytes, -max-bytes and -timeout must be positive")
		return exitUsage
	}
	urls := 0
	for _, arg := range fs.Args() {
		if isURL(arg) {
			urls++
		}
	}
	if cfg.save != "" && urls != 1 {
		fmt.Fprintf(stderr, "helpmock import: -save keeps the pages of one crawled site: give one URL (%d given)\n", urls)
		return exitUsage
	}
	if cfg.crawl.Retries == 0 {
		cfg.crawl.Retries = -1 // crawl.Options: 0 is the default
	}
	logger, err := cfg.log.logger(stderr)
	if err != nil {
		printError(stderr, "import", err)
		return exitUsage
	}
	cfg.crawl.Logger = logger

	var docs []helppage.Document
	var warnings []string
	var dirs []string // where the input documents are, for the overlay
	for _, arg := range fs.Args() {
		if isURL(arg) {
			d, w, err := crawlHelpPages(ctx, arg, cfg, stderr)
			if err != nil {
				printError(stderr, "import", err)
				return exitUsage
			}
			docs, warnings = append(docs, d...), append(warnings, w...)
			if cfg.save != "" {
				dirs = append(dirs, cfg.save)
			}
			continue
		}
		d, err := readHelpPages(arg, logger)
		if err != nil {
			printError(stderr, "import", err)
			return exitUsage
		}
		docs = append(docs, d...)
		dirs = append(dirs, inputDir(arg))
	}
	opts := helppage.Options{Logger: logger}
	if opts.Overlay, opts.OverlayName, err = cfg.readOverlay(dirs); err != nil {
		printError(stderr, "import", err)
		return exitUsage
	}
	res, err := helppage.Import(docs, opts)
	if err != nil {
		printError(stderr, "import", err)
		return exitUsage
	}
	for _, w := range res.Warnings {
		warnings = append(warnings, w.String())
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if err := writeOutput(cfg.out, res.YAML, stdout); err != nil {
		printError(stderr, "import", err)
		return exitUsage
	}
	if cfg.strict && len(warnings) > 0 {
		fmt.Fprintf(stderr, "helpmock import: %d warnings (-strict)\n", len(warnings))
		return exitFail
	}
	return exitOK
}

func isURL(arg string) bool {
	lower := strings.ToLower(arg)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// inputDir is the directory of an input: itself, or the file's.
func inputDir(arg string) string {
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		return arg
	}
	return filepath.Dir(arg)
}

// readOverlay reads the overlay -overlay names, else the one beside the input documents
// (never the working directory's by chance); two different ones are an error.
func (cfg *importConfig) readOverlay(dirs []string) (data []byte, name string, err error) {
	if cfg.overlaySet {
		if cfg.overlay == "" {
			return nil, "", nil
		}
		data, err := os.ReadFile(cfg.overlay)
		if err != nil {
			return nil, "", fmt.Errorf("overlay: %w", err)
		}
		return data, cfg.overlay, nil
	}
	var found []string
	for _, dir := range dirs {
		p := filepath.Join(dir, overlayName)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if len(found) > 0 && !sameFile(found[0], p) {
			return nil, "", fmt.Errorf("overlay: %s and %s are both beside the inputs: name one with -overlay", found[0], p)
		}
		found = append(found, p)
	}
	if len(found) == 0 {
		return nil, "", nil
	}
	data, err = os.ReadFile(found[0])
	if err != nil {
		return nil, "", fmt.Errorf("overlay: %w", err)
	}
	return data, found[0], nil
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// readHelpPages reads a Help Page file, or a directory's Help Pages, naming each by its
// path as given on the command line.
func readHelpPages(arg string, log *slog.Logger) ([]helppage.Document, error) {
	info, err := os.Stat(arg)
	if err != nil {
		return nil, fmt.Errorf("read help pages: %w", err)
	}
	root, name := filepath.Dir(arg), filepath.Base(arg)
	if info.IsDir() {
		root, name = arg, "."
	}
	docs, err := helppage.ReadSite(os.DirFS(root), log, name)
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
