// Package aspnetref runs the ASP.NET Web API reference implementation
// (../shared/aspnet-reference, on Mono) for tests: as a server on a loopback port, and
// through its --serialize and --deserialize modes. Where Mono or the built executable is
// absent, the helpers skip the test with a message that says how to get them, except
// under CI=true, where the reference is required and its absence fails the test.
package aspnetref
