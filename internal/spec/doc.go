// Package spec loads and validates an OpenAPI document, compiles the data-contract layouts
// of its request and response schemas (package model), and routes requests to its
// operations the way ASP.NET Web API matches routes: case-insensitively, with an optional
// trailing slash, on any host.
package spec
