package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit codes shared by the subcommands; there are no others.
const (
	exitOK    = 0
	exitFail  = 1 // contract violations (verify), breaking changes (diff), warnings (import -strict)
	exitUsage = 2 // usage, set-up or run error: anything that is not a finding
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// subcommand is one `helpmock NAME` command.
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func subcommands() []subcommand {
	return []subcommand{
		{"serve", "run the mock server", runServe},
		{"verify", "check a live implementation against the contract", runVerify},
		{"import", "derive openapi.yaml from Help Page documents", runImport},
		{"diff", "tell breaking changes between two versions of a spec", runDiff},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", runHelp},
	}
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	for _, c := range subcommands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	switch args[0] {
	case "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "helpmock: unknown command %q\n\n", args[0])
	printUsage(stderr)
	return exitUsage
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "helpmock mocks and contract-tests ASP.NET Web API services described by their Help Pages.\n\nUsage: helpmock COMMAND [flags]\n\nCommands:\n")
	for _, c := range subcommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'helpmock help COMMAND' for a command's flags.\n")
}

// printError writes err on stderr as "helpmock NAME: err". An error that already starts
// with the command's name (a library's "verify: …", helppage's "import page.html:3: …")
// gets "helpmock " alone, so that no message reads "helpmock verify: verify: …".
func printError(stderr io.Writer, name string, err error) {
	msg := err.Error()
	if strings.HasPrefix(msg, name+":") || strings.HasPrefix(msg, name+" ") {
		fmt.Fprintf(stderr, "helpmock %s\n", msg)
		return
	}
	fmt.Fprintf(stderr, "helpmock %s: %s\n", name, msg)
}
