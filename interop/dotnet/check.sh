#!/usr/bin/env bash
# check.sh SPEC [FIXTURES]: checks helpmock's answers for SPEC against the real .NET serializers
# (Mono's DataContractSerializer or XmlSerializer, and Json.NET). It builds helpmock,
# serves SPEC on a free loopback port, and for every operation, its documented
# (Prefer: example=docs) and default answers and every JSON and XML media type, checks
# that .NET reads the mock's body, losing no member, that .NET writes the same values in
# the same bytes, and that the mock binds the request bodies .NET writes.
# Prints one line per check and "N passed, M failed"; exits 0, 1 (a check failed) or 2
# (set-up error). FIXTURES is a fixtures directory for the mock (default: none, so the
# default answers are the spec's documented examples). Without Mono it says how to get it and exits 0 (2 under CI=true).
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: interop/dotnet/check.sh SPEC [FIXTURES]" >&2
  exit 2
fi
SPEC="$1"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
[ -f "$SPEC" ] || { echo "check.sh: $SPEC: no such file" >&2; exit 2; }
TMP="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
(cd "$ROOT" && go build -o "$TMP/helpmock" ./cmd/helpmock && go build -o "$TMP/dotnetcheck" ./interop/dotnet/cmd/dotnetcheck) || exit 2
# Without FIXTURES, an empty fixtures directory: serve's default, the embedded fixtures,
# are openapi.yaml's.
FIXTURES="${2:-$TMP/fixtures}"
mkdir -p "$TMP/fixtures"
# Created here: the background job opens its redirections only once it runs.
: >"$TMP/out"
: >"$TMP/err"
"$TMP/helpmock" serve -spec "$SPEC" -fixtures "$FIXTURES" -addr 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
PID=$!
URL=""
for _ in $(seq 1 100); do
  URL="$(sed -n 's/^helpmock listening on \(http:[^ ]*\).*/\1/p' "$TMP/out")"
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { echo "check.sh: helpmock serve failed:" >&2; cat "$TMP/err" >&2; exit 2; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "check.sh: helpmock did not start within 10s" >&2; exit 2; }
"$TMP/dotnetcheck" -url "$URL" -fixtures "$FIXTURES" "$SPEC"
