// Package conform is helpmock's one conformance checker: it judges a JSON or XML body
// against the schema and the layout its operation documents, in the manner of
// kin-openapi's openapi3filter, and more strictly than a schema can say:
//
//   - JSON as Json.NET writes it: the schema (kin-openapi's openapi3filter), member names
//     exactly as declared, no undocumented members, members in Json.NET's order (a class's
//     own, then inherited ones, each in declaration order), DateTimeOffset values in
//     Json.NET's form (jsonnet.IsDateTimeOffset);
//   - XML as DataContractSerializer (or XmlSerializer) writes it (dcxml.Check): root name
//     and namespace, each member's namespace, DataContract member order, i:nil only where
//     nullable, DateTimeOffset, collection and dictionary shapes.
//
// The contract suite judges a live server's responses with Response; the mock judges
// bound requests with Value, and its tests judge its own answers with Response.
package conform
