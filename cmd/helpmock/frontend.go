package main

import (
	"flag"
	"path/filepath"
	"strings"
	"time"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/mock"
	"github.com/helpmock/helpmock/spec"
)

// frontendFlags are serve's flags for frontend development: admin API, CORS, latency,
// journal, stateful tokens and hot reload.
type frontendFlags struct {
	admin, cors, stateful, strictTokens, watch bool
	journalSecrets                             bool
	corsOrigins, adminToken                    string
	latency                                    mock.Latency
	journal                                    int
	refreshTTL                                 time.Duration
}

func (f *frontendFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.admin, "admin", true, "serve the admin API under /__helpmock/ (scenarios, requests, tokens, state) to this machine's user; off when -addr is not a loopback address and -admin-token is not set")
	fs.StringVar(&f.adminToken, "admin-token", "", "require 'Authorization: Bearer `token`' on the admin API; needed to serve it when -addr is not a loopback address (prefer HELPMOCK_ADMIN_TOKEN: a command line is visible to other users)")
	fs.BoolVar(&f.cors, "cors", true, "answer cross-origin requests and preflights (CORS) for browser frontends")
	fs.StringVar(&f.corsOrigins, "cors-origins", "", "comma-separated `origins` CORS allows (default: any origin)")
	fs.Var(&f.latency, "latency", "`delay` added to every answer: a duration (200ms) or a range (100ms-400ms)")
	fs.IntVar(&f.journal, "journal", 1000, "how many `requests` the journal keeps (GET /__helpmock/requests); 0 disables it")
	fs.BoolVar(&f.journalSecrets, "journal-secrets", false, "show secrets in the journal and the request log: Authorization and cookie headers, and the members the spec marks x-helpmock-secret (default: [redacted])")
	fs.BoolVar(&f.stateful, "stateful", false, "remember issued token pairs: rotate on refresh, refuse reused or expired refresh tokens")
	fs.DurationVar(&f.refreshTTL, "refresh-ttl", 24*time.Hour, "with -stateful, how long a refresh token may be used")
	fs.BoolVar(&f.strictTokens, "strict-tokens", false, "with -stateful, refuse refresh tokens the mock never issued (default: start a new chain)")
	fs.BoolVar(&f.watch, "watch", true, "reload -spec and -fixtures when they change on disk")
}

func (f *frontendFlags) apply(opts *mock.Options) {
	opts.Admin, opts.CORS, opts.Latency, opts.Journal = f.admin, f.cors, f.latency, f.journal
	opts.Stateful, opts.RefreshTTL, opts.StrictTokens = f.stateful, f.refreshTTL, f.strictTokens
	opts.AdminToken, opts.JournalSecrets = f.adminToken, f.journalSecrets
	for _, o := range strings.Split(f.corsOrigins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			opts.CORSOrigins = append(opts.CORSOrigins, o)
		}
	}
}

// watch returns what serve watches when -watch is on: the -spec file and the fixture
// files of -fixtures, loaded again as at start-up. It returns nil when neither flag names
// a file on disk (the embedded spec and fixtures never change).
func (cfg *serveConfig) watch() *mock.Watch {
	if !cfg.frontend.watch || (cfg.specPath == "" && cfg.fixturesDir == "") {
		return nil
	}
	w := &mock.Watch{Load: func() (*spec.Spec, *fixtures.Set, error) {
		s, err := loadSpec(cfg.specPath)
		if err != nil {
			return nil, nil, err
		}
		set, err := loadFixtures(cfg.specPath, cfg.fixturesDir)
		if err != nil {
			return nil, nil, err
		}
		return s, set, nil
	}}
	if cfg.specPath != "" {
		w.Files = append(w.Files, cfg.specPath)
	}
	if cfg.fixturesDir != "" {
		w.Files = append(w.Files, filepath.Join(cfg.fixturesDir, "*.yaml"))
	}
	return w
}
