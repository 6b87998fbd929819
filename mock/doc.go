// Package mock serves an OpenAPI document's operations as an ASP.NET Web API service
// would: routes matched case-insensitively, request bodies bound in JSON, XML and form
// encodings, content negotiated by Web API 2's rules, and answers written as Json.NET and
// DataContractSerializer write them, with values from named scenarios (package fixtures).
//
// A request flows through one catch-all Echo handler: route (404, 405), read and bind the
// body (413, 415, 400), choose the scenario, negotiate the media type, render, write. Every
// error goes to one error handler, which answers with Web API's HttpError body in the
// negotiated format.
package mock
