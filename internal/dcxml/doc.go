// Package dcxml reads and writes XML bodies as ASP.NET Web API's XmlMediaTypeFormatter does
// with DataContractSerializer, for values in their JSON form (see package model).
//
//   - Encode writes the exact bytes DataContractSerializer writes for a value of a class:
//     the root with xmlns:i and the data contract namespace, members in DataContract order,
//     i:nil for null, wrapped collections with d{depth}p{n} prefixes, DateTimeOffset as
//     DateTime (UTC) and OffsetMinutes, and Web API's HttpError for a class in no namespace.
//   - Decode binds a request body as DataContractSerializer does: members out of order, in
//     the wrong letter case or namespace, and unknown elements are dropped, and each drop is
//     reported as a Problem; what Web API answers 400 for is a *BindError.
//   - Check judges a response body against a layout, as strictly as JSON Schema validation
//     judges JSON, but agnostic of prefixes and whitespace between elements.
//
// A layout compiled for XmlSerializer (model.XMLSerializer, a service with
// XmlMediaTypeFormatter.UseXmlSerializer = true) is written, read and checked by
// XmlSerializer's rules instead: see xmlserializer.go and its goldens in
// testdata/xmlserializer, recorded from the real serializer by record.sh.
//
// The rules were checked against the real serializers: the ASP.NET reference
// implementation's --serialize and --deserialize modes, whose runs testdata/aspnet holds
// (package aspnetref replays them; interop/aspnet/record.sh records them again). See
// https://learn.microsoft.com/dotnet/framework/wcf/feature-details/data-member-order and
// https://learn.microsoft.com/dotnet/framework/wcf/feature-details/data-contract-names.
package dcxml
