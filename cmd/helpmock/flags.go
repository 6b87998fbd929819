package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/helpmock/helpmock/internal/reqlog"
	"github.com/helpmock/helpmock/mock"
)

// envName is the environment variable of a flag: HELPMOCK_ and the flag's name in upper
// snake case (-token-ttl → HELPMOCK_TOKEN_TTL).
func envName(flagName string) string {
	return "HELPMOCK_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, "\n") }

func (m *multiFlag) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// envDefaults sets each flag of fs from its environment variable, before fs.Parse, so that
// the command line wins over the environment and the environment over the default. A
// repeatable flag takes one value per non-empty line of its variable.
func envDefaults(fs *flag.FlagSet) error {
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		name := envName(f.Name)
		v, ok := os.LookupEnv(name)
		if !ok {
			return
		}
		values := []string{v}
		if _, repeatable := f.Value.(*multiFlag); repeatable {
			values = slices.DeleteFunc(strings.Split(v, "\n"), func(s string) bool { return strings.TrimSpace(s) == "" })
		}
		for _, v := range values {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s=%q: %w", name, v, explainValueError(f, err)))
			}
		}
	})
	return errors.Join(errs...)
}

// explainValueError replaces the flag package's bare "parse error" for a value that is
// not of f's type by what f wants.
func explainValueError(f *flag.Flag, err error) error {
	if !errors.Is(err, strconv.ErrSyntax) && err.Error() != "parse error" {
		return err
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return err
	}
	switch g.Get().(type) {
	case time.Duration:
		return errors.New("want a duration such as 1h, 90s or 250ms")
	case bool:
		return errors.New("want true or false")
	case int, int64:
		return errors.New("want an integer")
	case uint, uint64:
		return errors.New("want a non-negative integer")
	case float64:
		return errors.New("want a number")
	}
	return err
}

// logFlags are the logging flags every long-running command has.
type logFlags struct {
	level, format string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.level, "log-level", "info", "log `level`: debug, info, warn or error")
	fs.StringVar(&l.format, "log-format", "text", "log `format`: text or json")
}

// logger returns the logger the flags ask for, writing to w (stderr).
func (l *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	level, format := l.level, l.format
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("-log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("-log-format %q: want text or json", format)
}

// requestLog returns the request log for logger, the flags' logger writing to w:
// reqlog on the same w in the same format, whose lines are the ones logger would
// write, byte for byte, at a fraction of the cost. It returns nil when logger's level
// leaves Info out; the mock then hands its request log to logger, which drops it.
func (l *logFlags) requestLog(w io.Writer, logger *slog.Logger) (mock.RequestLogger, error) {
	if !logger.Enabled(context.Background(), slog.LevelInfo) {
		return nil, nil
	}
	rl, err := reqlog.New(w, l.format)
	if err != nil {
		return nil, fmt.Errorf("-log-format: %w", err)
	}
	return requestLogger{rl}, nil
}
