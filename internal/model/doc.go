// Package model compiles OpenAPI schemas into .NET data-contract layouts: which members a
// class has, in which order Json.NET and DataContractSerializer write them, in which XML
// namespace each member's element lives, and what kind of value each holds.
//
// A layout is computed once, at start-up, so that request decoding, validation and
// rendering never walk the OpenAPI document on the hot path.
//
// The rules (see openapi.yaml's description):
//   - a class is a schema of type object; its xml.namespace is its data contract namespace;
//   - a derived class is allOf with its base class first;
//   - Json.NET writes a class's own members first, then inherited ones, each class in
//     declaration order (the order of its properties in the document);
//   - DataContractSerializer writes base-class members first, each class's members in
//     ordinal (case-sensitive) order, each in its declaring class's namespace;
//   - XmlSerializer (a document with x-dotnet-xml-serializer: XmlSerializer, see
//     Compiler.Serializer) writes base-class members first, each class in declaration
//     order, in no namespace unless the schema's xml object names one.
//
// Values that travel through a layout are in their JSON form, as encoding/json decodes
// them with UseNumber: nil, bool, string, json.Number, []any and map[string]any. A
// DateTimeOffset is a string in Json.NET's ISO 8601 form.
package model
