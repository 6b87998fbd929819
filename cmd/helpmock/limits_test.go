package main

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/helpmock/helpmock/mock"
)

// TestServeLimitFlags checks each limit's default, environment variable and flag.
func TestServeLimitFlags(t *testing.T) {
	defaults := limitFlags{
		maxHeaderBytes: 64 << 10, readHeaderTimeout: 10 * time.Second, readTimeout: 30 * time.Second,
		writeTimeout: time.Minute, idleTimeout: 2 * time.Minute,
		maxXMLDepth: 256, maxXMLElements: 10000, maxJSONDepth: 64,
	}
	with := func(f func(*limitFlags)) limitFlags { l := defaults; f(&l); return l }
	cases := []struct {
		name    string
		env     map[string]string
		args    []string
		want    limitFlags
		wantErr string
	}{
		{name: "defaults", want: defaults},
		{name: "env", env: map[string]string{
			"HELPMOCK_MAX_HEADER_BYTES": "4096", "HELPMOCK_READ_HEADER_TIMEOUT": "1s", "HELPMOCK_READ_TIMEOUT": "2s",
			"HELPMOCK_WRITE_TIMEOUT": "3s", "HELPMOCK_IDLE_TIMEOUT": "4s", "HELPMOCK_MAX_XML_DEPTH": "5",
			"HELPMOCK_MAX_XML_ELEMENTS": "6", "HELPMOCK_MAX_JSON_DEPTH": "7"},
			want: limitFlags{maxHeaderBytes: 4096, readHeaderTimeout: time.Second, readTimeout: 2 * time.Second,
				writeTimeout: 3 * time.Second, idleTimeout: 4 * time.Second, maxXMLDepth: 5, maxXMLElements: 6, maxJSONDepth: 7}},
		{name: "flag wins over env", env: map[string]string{"HELPMOCK_MAX_XML_DEPTH": "5"}, args: []string{"-max-xml-depth", "9"},
			want: with(func(l *limitFlags) { l.maxXMLDepth = 9 })},
		{name: "flags", args: []string{"-read-header-timeout", "250ms", "-max-json-depth", "3"},
			want: with(func(l *limitFlags) { l.readHeaderTimeout = 250 * time.Millisecond; l.maxJSONDepth = 3 })},
		{name: "zero timeout", args: []string{"-read-header-timeout", "0"}, wantErr: "-read-header-timeout must be positive"},
		{name: "negative depth", env: map[string]string{"HELPMOCK_MAX_XML_DEPTH": "-1"}, wantErr: "-max-xml-depth must be positive"},
		{name: "bad env", env: map[string]string{"HELPMOCK_WRITE_TIMEOUT": "soon"}, wantErr: `HELPMOCK_WRITE_TIMEOUT="soon"`},
		{name: "zero shutdown timeout", args: []string{"-shutdown-timeout", "0"}, wantErr: "-shutdown-timeout must be positive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			cfg, err := parseServeFlags(c.args, io.Discard)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("parseServeFlags(%q) error = %v, want one containing %q", c.args, err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseServeFlags(%q) error = %v", c.args, err)
			}
			if cfg.limits != c.want {
				t.Errorf("parseServeFlags(%q).limits = %+v, want %+v", c.args, cfg.limits, c.want)
			}
		})
	}
}

// TestServeLimitsReachOptions checks that each limit flag sets its field of the mock's
// Options.
func TestServeLimitsReachOptions(t *testing.T) {
	cfg, err := parseServeFlags([]string{"-max-header-bytes", "1", "-read-header-timeout", "2s", "-read-timeout", "3s",
		"-write-timeout", "4s", "-idle-timeout", "5s", "-max-xml-depth", "6", "-max-xml-elements", "7", "-max-json-depth", "8",
		"-shutdown-timeout", "9s"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var opts mock.Options
	cfg.limits.apply(&opts)
	got := []any{opts.MaxHeaderBytes, opts.ReadHeaderTimeout, opts.ReadTimeout, opts.WriteTimeout, opts.IdleTimeout,
		opts.MaxXMLDepth, opts.MaxXMLElements, opts.MaxJSONDepth, cfg.shutdownTimeout}
	want := []any{1, 2 * time.Second, 3 * time.Second, 4 * time.Second, 5 * time.Second, 6, 7, 8, 9 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("options from the limit flags = %v, want %v", got, want)
	}
}
