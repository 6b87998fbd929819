// Package dotnet checks a spec's mock against the real .NET serializers: Mono's
// DataContractSerializer, XmlSerializer and Json.NET.
//
// Generate writes C# classes for a spec's layouts (package internal/model), so that the
// real serializers read and write the shapes the mock claims to reproduce. Build compiles
// them, with Interop.cs, into a program that reads a body as a type and writes a value
// back, over a line protocol (see Rig). Check drives a running mock through every
// operation, answer and media type and compares its bytes with what .NET writes and reads.
//
// Everything here needs Mono (Debian packages mono-devel,
// libmono-system-runtime-serialization4.0-cil and libnewtonsoft-json5.0-cil, which holds
// Json.NET 6.0.8; install.sh installs them); Available says what is missing and how to
// get it. check.sh is the command for users.
package dotnet
