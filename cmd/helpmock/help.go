package main

import (
	"context"
	"fmt"
	"io"
)

// runHelp implements `helpmock help [COMMAND]`.
func runHelp(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stdout)
		return exitOK
	}
	for _, c := range subcommands() {
		if c.name == args[0] && c.name != "help" {
			// Each command prints its usage to its output for -h and exits 0.
			return c.run(ctx, []string{"-h"}, stdout, stdout)
		}
	}
	fmt.Fprintf(stderr, "helpmock help: unknown command %q\n", args[0])
	return exitUsage
}
