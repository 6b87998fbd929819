// Package helppage turns ASP.NET Web API Help Page documents into one OpenAPI 3.0.3
// document, following the encoding conventions of helpmock's openapi.yaml (see its
// info.description): a .NET class is an object schema with its data contract namespace in
// xml.namespace, a derived class is allOf with its base class first, members are declared
// in Json.NET's order, and where JSON and XML differ each media type gets its own schema.
//
// It reads the pages the Microsoft.AspNet.WebApi.HelpPage template produces, in both of
// its generations and as services customise it (other section titles, extra sections,
// three-column tables, pages under /Reference/): the HTML page (/Help/Api/POST-api-...,
// /Help/ResourceModel?modelName=X) and its text renderings (the seeds' " |" cells, a
// markdown-like rendering, the "blank-line" rendering a browser copy gives, tab-separated
// cells); see text.go and blankline.go. A text document may hold several pages, API and
// model pages in any order, pasted into one file (textpages.go). Each document is first decoded to UTF-8 as a
// browser decodes it (encoding.go). A document that is empty, binary, another site's
// page, cut off or in an encoding its bytes break is a DocumentError naming the file and
// line (ReadPages). All are then flattened into a sequence of blocks (headings, paragraphs, tables, samples), which
// one interpreter reads into a Page; inference then combines the pages' tables and
// samples into classes, and the emitter writes the OpenAPI document, merged with an
// overlay for what the pages cannot say.
//
// Whatever cannot be inferred is reported as a Warning naming the document and line,
// never guessed silently.
package helppage
