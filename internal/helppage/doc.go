// Package helppage turns ASP.NET Web API Help Page documents into one OpenAPI 3.0.3
// document, following the encoding conventions of helpmock's openapi.yaml (see its
// info.description): a .NET class is an object schema with its data contract namespace in
// xml.namespace, a derived class is allOf with its base class first, members are declared
// in Json.NET's order, and where JSON and XML differ each media type gets its own schema.
//
// It reads both forms the Microsoft.AspNet.WebApi.HelpPage template produces, in both of
// its generations: the HTML page (/Help/Api/POST-api-...) and its text rendering. Both are
// first flattened into a sequence of blocks (headings, paragraphs, tables, samples), which
// one interpreter reads into a Page; inference then combines the pages' tables and
// samples into classes, and the emitter writes the OpenAPI document, merged with an
// overlay for what the pages cannot say.
//
// Whatever cannot be inferred is reported as a Warning naming the document and line,
// never guessed silently.
package helppage
