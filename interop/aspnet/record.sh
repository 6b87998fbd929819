#!/usr/bin/env bash
# usage: interop/aspnet/record.sh [-f] DIR      (or HELPMOCK_ASPNET_REFERENCE=DIR)
#
# Records again what the ASP.NET Web API reference implementation in DIR answers to the
# tests that replay it (package internal/aspnetref): each package's testdata/aspnet/TEST.json.
# DIR holds build/AspNetReference.exe (built by DIR/build.sh when missing), a Web API service
# on Mono that listens with `--port N --error-detail never` and has the offline modes
# --serialize and --deserialize. The recordings are written only when every test passes
# and no answer already recorded changed; -f accepts changed answers (review the diff).
set -euo pipefail
cd "$(dirname "$0")/../.."
force=0
if [ "${1:-}" = "-f" ]; then force=1; shift; fi
DIR="${1:-${HELPMOCK_ASPNET_REFERENCE:-}}"
if [ -z "$DIR" ] || [ $# -gt 1 ]; then
  echo "usage: interop/aspnet/record.sh [-f] DIR   (DIR: the ASP.NET reference implementation)" >&2
  exit 2
fi
DIR="$(cd "$DIR" && pwd)"
if [ ! -f "$DIR/build/AspNetReference.exe" ]; then
  [ -x "$DIR/build.sh" ] || { echo "record.sh: $DIR has neither build/AspNetReference.exe nor build.sh" >&2; exit 2; }
  "$DIR/build.sh"
fi
command -v mono >/dev/null || { echo "record.sh: mono is not installed (interop/dotnet/install.sh)" >&2; exit 2; }

# The packages whose tests replay the reference, and those tests (named *Reference*).
mapfile -t pkgs < <(grep -rl --include='*_test.go' 'aspnetref\.Open' . | xargs -n1 dirname | sort -u)
echo "record.sh: recording from $DIR in ${pkgs[*]}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! HELPMOCK_ASPNET_RECORD="$DIR" HELPMOCK_ASPNET_RECORD_FORCE="$force" \
    go test -count=1 -v -run 'Reference' "${pkgs[@]}" >"$log" 2>&1; then
  grep -vE '^(=== (RUN|PAUSE|CONT)|\s*--- (PASS|SKIP))' "$log" >&2
  echo "record.sh: FAILED (a recording is written only by a test that passed, with no answer changed)" >&2
  exit 1
fi
grep -E 'recorded testdata/' "$log" | sed 's/^ *//'
git status --short -- '*/testdata/aspnet/*.json'
