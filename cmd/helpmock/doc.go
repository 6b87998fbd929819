// Command helpmock serves a mock of ASP.NET Web API services described by openapi.yaml,
// checks live implementations against it, and derives it from Help Page documents.
package main
