// Package jsonnet reads and writes JSON the way Json.NET does inside ASP.NET Web API.
//
// Reading is hand-written because no Go JSON library accepts what Json.NET accepts:
// single-quoted strings, unquoted member names, comments, trailing commas and content
// after the first value. Read records each such leniency so that the mock's strict mode
// can report it. Bind then converts a read value to a data-contract layout as Json.NET's
// deserializer would (member names case-insensitive, unknown members ignored, a number or
// boolean where a string belongs converted), and collects the model errors Web API turns
// into a 400.
//
// Writing follows a layout's member order and Json.NET's string escaping (only '"', '\\',
// control characters and U+0085, U+2028, U+2029), which encoding/json does not do.
package jsonnet
