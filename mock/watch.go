package mock

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/helpmock/helpmock/fixtures"
	"github.com/helpmock/helpmock/spec"
)

// Watch makes Serve reload the spec and fixtures when their files change on disk.
type Watch struct {
	// Files are the files whose changes trigger a reload. The last element of each path
	// is a file name or a filepath.Match pattern ("fixtures/*.yaml"); the directory before
	// it is taken literally and must exist. Serve watches the directories, so a file that
	// an editor replaces by renaming stays watched, and a matching file created later
	// counts too. Relative paths are resolved when Serve starts.
	Files []string
	// Load loads the spec and fixtures again; Serve swaps them in with Server.Reload. When
	// Load or Reload fails, the error (which should name the file and line) is logged and
	// the last good version keeps serving. Load runs on one goroutine, never twice at
	// once. Required.
	Load func() (*spec.Spec, *fixtures.Set, error)
}

// reloadDebounce is how long the watcher waits after the last change before reloading:
// editors write a file in several steps (truncate, write, rename).
const reloadDebounce = 150 * time.Millisecond

// watchedFile is one entry of Watch.Files: an absolute directory and a name or pattern.
type watchedFile struct {
	dir, name string
}

// matches reports whether path, absolute, is the file or matches the pattern.
func (f watchedFile) matches(path string) bool {
	if filepath.Dir(path) != f.dir {
		return false
	}
	base := filepath.Base(path)
	if base == f.name {
		return true // a literal name, whatever meta characters it holds
	}
	ok, _ := filepath.Match(f.name, base) // a malformed pattern matches nothing but itself
	return ok
}

// watchedFiles resolves w.Files.
func (w *Watch) watchedFiles() ([]watchedFile, error) {
	files := make([]watchedFile, 0, len(w.Files))
	for _, f := range w.Files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, fmt.Errorf("watch %s: %w", f, err)
		}
		files = append(files, watchedFile{dir: filepath.Dir(abs), name: filepath.Base(abs)})
	}
	return files, nil
}

// startWatch starts watching the files of s's Options.Watch (none: it does nothing) and
// returns at once; the watch reloads s until ctx ends, and the returned channel is closed
// when it has stopped. An error means it could not start: no directory is watched then.
func (s *Server) startWatch(ctx context.Context) (stopped <-chan struct{}, err error) {
	done := make(chan struct{})
	w := s.opts.Watch
	if w == nil || len(w.Files) == 0 {
		close(done)
		return done, nil
	}
	if w.Load == nil {
		return nil, errors.New("mock: Options.Watch.Load is required")
	}
	files, err := w.watchedFiles()
	if err != nil {
		return nil, err
	}
	// Watch the directories: editors replace files by renaming, which drops a file watch.
	var dirs []string
	for _, f := range files {
		if !slices.Contains(dirs, f.dir) {
			dirs = append(dirs, f.dir)
		}
	}
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	for _, d := range dirs {
		if err := watcher.Add(d); err != nil {
			watcher.Close()
			return nil, fmt.Errorf("watch %s: %w", d, err)
		}
	}
	s.opts.Logger.Info("watching for changes", "dirs", dirs)
	go func() {
		defer close(done)
		defer watcher.Close()
		s.watchLoop(ctx, watcher, files, w.Load)
	}()
	return done, nil
}

// watchLoop reloads s reloadDebounce after the last change to one of files, until ctx
// ends or the watcher stops.
func (s *Server) watchLoop(ctx context.Context, watcher *fsnotify.Watcher, files []watchedFile, load func() (*spec.Spec, *fixtures.Set, error)) {
	logger := s.opts.Logger
	relevant := func(name string) bool {
		abs, err := filepath.Abs(name)
		if err != nil {
			return false
		}
		return slices.ContainsFunc(files, func(f watchedFile) bool { return f.matches(abs) })
	}
	timer := time.NewTimer(reloadDebounce)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-watcher.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !relevant(ev.Name) {
				continue
			}
			logger.Debug("change", "file", ev.Name, "op", ev.Op.String())
			timer.Reset(reloadDebounce)
		case <-timer.C:
			if err := s.reloadFrom(load); err != nil {
				logger.Error("reload failed; still serving the last good version", "error", err)
			}
		case err, ok := <-watcher.Errors:
			if !ok {
				return
			}
			logger.Warn("watch", "error", err)
		}
	}
}

// reloadFrom loads the spec and fixtures with load and swaps them in.
func (s *Server) reloadFrom(load func() (*spec.Spec, *fixtures.Set, error)) error {
	sp, set, err := load()
	if err != nil {
		return err
	}
	return s.Reload(sp, set)
}
