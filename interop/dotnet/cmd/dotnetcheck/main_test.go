package main

import (
	"strings"
	"testing"
)

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		want       int
		wantStdout string
		wantStderr string
	}{
		{name: "no spec", args: nil, want: 2, wantStderr: "usage: dotnetcheck"},
		{name: "two specs", args: []string{"a.yaml", "b.yaml"}, want: 2, wantStderr: "usage: dotnetcheck"},
		{name: "missing spec", args: []string{"testdata/none.yaml"}, want: 2, wantStderr: "none.yaml"},
		{name: "bad flag", args: []string{"-nope", "x.yaml"}, want: 2, wantStderr: "-nope"},
		{name: "generate", args: []string{"-gen", "../../testdata/rules.yaml"}, want: 0, wantStdout: `[DataContract(Name = "Shipment", Namespace = "http://schemas.datacontract.org/2004/07/Logistics.Shipping")]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			if got := run(tt.args, &stdout, &stderr); got != tt.want {
				t.Fatalf("run(%q) = %d, want %d\nstderr: %s", tt.args, got, tt.want, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("run(%q) stdout lacks %q:\n%s", tt.args, tt.wantStdout, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to hold %q", tt.args, stderr.String(), tt.wantStderr)
			}
		})
	}
}
