package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/helpmock/helpmock/contracts"
)

const verifyUsage = `Usage: helpmock verify -target URL [flags]

Runs the contract suite against a live implementation of openapi.yaml: every request
media type × every Accept, each named request example (expecting the response example
of the same name: its status, members and nulls), and negative probes (malformed JSON and XML, XML in the wrong
namespace, empty body, JSON null, unsupported Content-Type, wrong method, unknown route).
Prints one line per case, the details of each failure with a curl line that reproduces
it, and a last line "N passed, N failed". No report holds a -header or -set value:
the curl lines read them from shell variables ($HELPMOCK_HEADER_AUTHORIZATION,
$HELPMOCK_SET_AccessTokenRefresh), and the spec's secret members in the target's
answers read [redacted].

The report ends with its coverage: what the run exercised of each operation (request
media types × Accept, documented responses, named example pairs), and what it did not
and why.

Exit status: 0 every case passed, 1 contract violations (or coverage below
-min-coverage), 2 usage or set-up error
(bad flags, bad spec, target unreachable, report not written).

Every flag can also be set through the environment variable named after it
(HELPMOCK_TARGET, HELPMOCK_SPEC, ...); a flag on the command line wins. Repeatable
flags read one value per line of their variable.

Flags:
`

// verifyConfig holds verify's parsed flags.
type verifyConfig struct {
	target, specPath, fixturesDir, junitPath, jsonPath string
	only, headers, sets                                multiFlag
	timeout, requestTimeout                            time.Duration
	parallel                                           int
	minCoverage                                        float64
	log                                                logFlags
}

// runVerify implements `helpmock verify`.
func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseVerifyFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		printError(stderr, "verify", err)
		return exitUsage
	}
	opts, err := cfg.options()
	if err == nil {
		opts.Logger, err = cfg.log.logger(stderr)
	}
	if err != nil {
		printError(stderr, "verify", err)
		return exitUsage
	}
	if cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, cfg.timeout, fmt.Errorf("the whole-run timeout of %s expired", cfg.timeout))
		defer cancel()
	}
	report, err := contracts.Verify(ctx, opts)
	if err != nil {
		printError(stderr, "verify", err)
		return exitUsage
	}
	code := exitOK
	if !report.OK() {
		code = exitFail
	}
	if cov := report.Coverage; cov != nil && cov.Percent < cfg.minCoverage {
		fmt.Fprintf(stderr, "helpmock verify: coverage %.1f%% (%d of %d items) is below -min-coverage %g%%\n",
			cov.Percent, cov.Exercised, cov.Total, cfg.minCoverage)
		code = exitFail
	}
	if err := report.WriteText(stdout); err != nil {
		fmt.Fprintf(stderr, "helpmock verify: write report: %v\n", err)
		code = exitUsage
	}
	for _, out := range []struct {
		path  string
		write func(io.Writer) error
	}{{cfg.junitPath, report.WriteJUnit}, {cfg.jsonPath, report.WriteJSON}} {
		if out.path == "" {
			continue
		}
		if err := writeVerifyReport(out.path, out.write); err != nil {
			printError(stderr, "verify", err)
			code = exitUsage
		}
	}
	return code
}

func parseVerifyFlags(args []string, stderr io.Writer) (*verifyConfig, error) {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), verifyUsage)
		fs.PrintDefaults()
	}
	cfg := &verifyConfig{}
	fs.StringVar(&cfg.target, "target", "", "base `URL` of the implementation to check (required)")
	fs.StringVar(&cfg.specPath, "spec", "", "OpenAPI document `file` (default: the embedded openapi.yaml)")
	fs.StringVar(&cfg.fixturesDir, "fixtures", "", "fixtures `directory`, checked to load and to name only operations of the spec (default: the embedded fixtures with the embedded spec, none with -spec)")
	fs.Var(&cfg.only, "only", "run only this `operationId` (repeatable, or comma-separated)")
	fs.Var(&cfg.headers, "header", "add the header `'Name: value'` to every request (repeatable)")
	fs.Var(&cfg.sets, "set", "set the request member or path/query parameter `Name=value` in every request that has it, e.g. a real refresh token or an existing id (repeatable)")
	fs.DurationVar(&cfg.timeout, "timeout", 2*time.Minute, "whole-run timeout; cases it cuts short fail as not run")
	fs.DurationVar(&cfg.requestTimeout, "request-timeout", contracts.DefaultRequestTimeout, "timeout of each request, body included")
	fs.IntVar(&cfg.parallel, "parallel", contracts.DefaultParallel, "cases run at once")
	fs.Float64Var(&cfg.minCoverage, "min-coverage", 0, "exit 1 when the report's coverage (operations × request media types × Accept, documented responses, example pairs) is below this `percent`")
	fs.StringVar(&cfg.junitPath, "junit", "", "also write a JUnit XML report to `file`")
	fs.StringVar(&cfg.jsonPath, "json", "", "also write a JSON report to `file`")
	cfg.log.register(fs)
	if err := envDefaults(fs); err != nil {
		return nil, err
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if cfg.target == "" {
		fs.Usage()
		return nil, errors.New("-target is required")
	}
	if cfg.minCoverage < 0 || cfg.minCoverage > 100 {
		return nil, fmt.Errorf("-min-coverage %g: want a percent from 0 to 100", cfg.minCoverage)
	}
	if cfg.parallel < 1 {
		return nil, fmt.Errorf("-parallel %d: want at least 1", cfg.parallel)
	}
	if cfg.timeout < 0 || cfg.requestTimeout <= 0 {
		return nil, errors.New("-timeout and -request-timeout must be positive")
	}
	return cfg, nil
}

// options turns the flags into contracts.Options: loads the spec (and the fixtures, to
// check them), parses -header, -set and -only.
func (cfg *verifyConfig) options() (contracts.Options, error) {
	opts := contracts.Options{Target: cfg.target, RequestTimeout: cfg.requestTimeout, Parallel: cfg.parallel}
	var err error
	if opts.Spec, err = loadSpec(cfg.specPath); err != nil {
		return opts, err
	}
	set, err := loadFixtures(cfg.specPath, cfg.fixturesDir)
	if err != nil {
		return opts, err
	}
	for _, op := range set.Operations() {
		if !slices.Contains(opts.Spec.OperationIDs(), op) {
			return opts, fmt.Errorf("load fixtures: operation %q is not in %s", op, opts.Spec.Name())
		}
	}
	for _, o := range cfg.only {
		for _, id := range strings.Split(o, ",") {
			if id = strings.TrimSpace(id); id != "" {
				opts.Only = append(opts.Only, id)
			}
		}
	}
	for _, h := range cfg.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return opts, fmt.Errorf("-header %q: want 'Name: value'", h)
		}
		if opts.Header == nil {
			opts.Header = http.Header{}
		}
		opts.Header.Add(name, strings.TrimSpace(value))
	}
	for _, s := range cfg.sets {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return opts, fmt.Errorf("-set %q: want Name=value", s)
		}
		if opts.Set == nil {
			opts.Set = map[string]string{}
		}
		opts.Set[strings.TrimSpace(name)] = value
	}
	return opts, nil
}

// writeVerifyReport writes a report to path through write.
func writeVerifyReport(path string, write func(io.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write report %s: %w", path, cerr)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}
