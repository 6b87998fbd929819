// Package aspnetref replays, in tests, what the ASP.NET Web API reference implementation
// (a real Web API service on Mono, kept outside this repository) answered: HTTP exchanges
// (status, the headers that matter, body bytes) and runs of its offline --serialize and
// --deserialize modes. They are observations of the real framework, recorded once into the
// calling package's testdata/aspnet/TEST.json and read there by every go test run, so the
// tests need neither the reference nor Mono.
//
// interop/aspnet/record.sh DIR records them again against the reference in DIR: it runs
// the tests with $HELPMOCK_ASPNET_RECORD=DIR, which makes Open start the reference and
// record what it answers. A recorded answer that changes fails the test and leaves the file
// as it was, unless $HELPMOCK_ASPNET_RECORD_FORCE=1 (record.sh -f) says the change is
// expected. Values that differ from one run of the reference to the next (its tokens,
// clocks, its ClienteId counter, its port) are recorded as fixed stand-ins of the same form.
package aspnetref
