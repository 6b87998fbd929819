// Package e2e holds end-to-end tests that drive the mock from outside: a real browser
// (headless Chromium) on another origin calling it with fetch().
package e2e
