#!/usr/bin/env bash
# install.sh: installs what the .NET rig (interop/dotnet) needs from Debian packages, when
# any is missing: Mono's compiler and runtime, DataContractSerializer and Json.NET
# (libnewtonsoft-json5.0-cil holds Json.NET 6.0.8). Runs apt-get as root, or through
# sudo. Safe to run again: it installs only what is missing.
set -euo pipefail
PKGS=(mono-devel libmono-system-runtime-serialization4.0-cil libmono-system-xml4.0-cil libnewtonsoft-json5.0-cil)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "interop/dotnet: Mono and Json.NET are installed"; exit 0; }
command -v apt-get >/dev/null || { echo "install.sh: no apt-get; install ${missing[*]} (Debian packages) by other means" >&2; exit 1; }
SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "install.sh: run as root, or: apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo)
fi
echo "interop/dotnet: installing ${missing[*]}"
install() { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }
install || { "${SUDO[@]}" apt-get update && install; }
