package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); otherwise the module
// version from the build info is used.
var version = ""

// runVersion implements `helpmock version`.
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] != "-h" {
		fmt.Fprintln(stderr, "usage: helpmock version")
		return exitUsage
	}
	fmt.Fprintf(stdout, "helpmock %s\n", currentVersion())
	return exitOK
}

func currentVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
