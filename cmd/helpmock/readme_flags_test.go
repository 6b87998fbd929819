package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
)

// flagLine matches a flag's line in a command's help, as flag.PrintDefaults writes it.
var flagLine = regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`)

// TestReadmeDocumentsEveryFlag checks that the README, the user's manual, names every
// flag of every command, in a table or the text (`-name`) or in an example command line
// (helpmock COMMAND … -name), so that a new flag cannot land undocumented.
func TestReadmeDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"serve", "verify", "import", "diff"} {
		t.Run(command, func(t *testing.T) {
			var out bytes.Buffer
			if code := run(context.Background(), []string{"help", command}, &out, &out); code != exitOK {
				t.Fatalf("helpmock help %s = %d:\n%s", command, code, out.String())
			}
			flags := flagLine.FindAllStringSubmatch(out.String(), -1)
			if len(flags) == 0 {
				t.Fatalf("helpmock help %s lists no flag:\n%s", command, out.String())
			}
			for _, f := range flags {
				example := regexp.MustCompile(`(?m)^.*helpmock ` + command + ` .*-` + f[1] + `\b`)
				if !strings.Contains(string(readme), "`-"+f[1]) && !example.Match(readme) {
					t.Errorf("README.md does not name `-%s` (helpmock %s)", f[1], command)
				}
			}
		})
	}
}
