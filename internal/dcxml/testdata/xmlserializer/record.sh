#!/usr/bin/env bash
# Records what XmlSerializer writes and reads, as golden files for xmlserializer_test.go.
# The files are observations of the real serializer: Mono's System.Xml.Serialization and
# Mono's Web API XmlMediaTypeFormatter { UseXmlSerializer = true } (Debian packages
# mono-devel and libmono-system-net-http-formatting4.0-cil). Run it from anywhere:
#   internal/dcxml/testdata/xmlserializer/record.sh
# It writes:
#   write/CASE.xml        the body the formatter writes for Probe.cs's sample CASE
#   write/CASE.indented.xml  XmlSerializer.Serialize(Stream) on its own (declaration, indent)
#   canwrite.txt          whether the formatter can write a class with a dictionary
#   read/NAME.json|.err   what the formatter reads from read/NAME.xml (TYPE is NAME's prefix)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
command -v mcs >/dev/null && command -v mono >/dev/null || { echo "record.sh: mcs and mono are needed (apt-get install mono-devel libmono-system-net-http-formatting4.0-cil)" >&2; exit 1; }
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mcs -nologo -target:exe -sdk:4.5 -out:"$TMP/Probe.exe" -r:/usr/lib/mono/4.5/System.Net.Http.Formatting.dll \
  -r:System.Net.Http.dll -r:System.Xml.dll -r:System.Runtime.Serialization.dll "$HERE/Probe.cs"
export TZ=UTC # DateTimeKind.Local is written with the machine's offset
for c in Order OrderDefault ListOfOrder ListOfString ListOfInt Address NullAddress Rooted String Int Color Error; do
  mono "$TMP/Probe.exe" write "$c" --formatter >"$HERE/write/$c.xml"
done
for c in Order Rooted; do
  mono "$TMP/Probe.exe" write "$c" >"$HERE/write/$c.indented.xml"
done
mono "$TMP/Probe.exe" canwrite WithDict >"$HERE/canwrite.txt"
for f in "$HERE"/read/*.xml; do
  name="$(basename "$f" .xml)"
  rm -f "$HERE/read/$name.json" "$HERE/read/$name.err"
  if mono "$TMP/Probe.exe" read "${name%%.*}" --formatter <"$f" >"$TMP/out" 2>"$TMP/err"; then
    cp "$TMP/out" "$HERE/read/$name.json"
  else
    tail -n 1 "$TMP/err" | sed 's/^ *//' >"$HERE/read/$name.err"
  fi
done
echo "recorded in $HERE"
