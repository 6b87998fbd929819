package dotnet

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/internal/spec"
)

// Prepare generates the spec's C# classes, compiles them with Interop.cs into a
// temporary directory and starts the rig in the service's time zone (LocalZone). The returned function stops it and removes
// the directory.
func Prepare(ctx context.Context, tc *Toolchain, s *spec.Spec) (*Models, *Rig, func(), error) {
	models, err := Generate(s)
	if err != nil {
		return nil, nil, nil, err
	}
	zone, err := LocalZone(s)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("prepare .NET rig: %w", err)
	}
	dir, err := os.MkdirTemp("", "helpmock-dotnet-")
	if err != nil {
		return nil, nil, nil, fmt.Errorf("prepare .NET rig: %w", err)
	}
	exe, err := tc.Build(ctx, models, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, err
	}
	rig, err := tc.Start(exe, zone)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, err
	}
	return models, rig, func() { rig.Close(); os.RemoveAll(dir) }, nil
}

// Check prepares the rig for s and runs every check against the mock at baseURL (serving
// set, which may be nil), writing one line per check to out.
func Check(ctx context.Context, tc *Toolchain, s *spec.Spec, set *fixtures.Set, baseURL string, out io.Writer) (*Checker, error) {
	models, rig, stop, err := Prepare(ctx, tc, s)
	if err != nil {
		return nil, err
	}
	defer stop()
	c := &Checker{Spec: s, Models: models, Rig: rig, BaseURL: baseURL, Out: out, Fixtures: set}
	c.Run(ctx)
	return c, nil
}
