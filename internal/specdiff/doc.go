// Package specdiff tells which changes between two versions of a spec break clients,
// judging JSON clients and XML clients separately.
//
// It compares what helpmock compiles from each document (package spec): operations,
// routes, methods, media types and statuses, and each body's layout (package model):
// members, types, formats, required members, nullability, enums, and for XML the
// data-contract names and namespaces, DataContractSerializer's member order and which
// serializer writes the XML. A JSON-oriented diff misses most of the latter, yet a
// namespace change hides every member from a DataContract client, and a member read out
// of order is dropped silently.
//
// Direction matters. A request is written by the client and read by the service; a
// response is written by the service and read by the client. A change that narrows what
// the reader accepts, or widens what the writer may send, breaks: a member that became
// required breaks a request, not a response; an enum value added breaks a response
// (Json.NET's StringEnumConverter and DataContractSerializer throw on a value they do not
// know), not a request.
//
// Clients of JSON and of form bodies are "JSON clients"; clients of application/xml and
// text/xml are "XML clients".
package specdiff
