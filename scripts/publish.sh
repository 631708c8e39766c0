#!/usr/bin/env bash
# Stages the deployable Functions app (runtime dotnet-isolated) and its zip:
#   <out>/app/             dotnet publish of functions/CostOps.Functions.csproj (Release): host.json,
#                          functions.metadata, worker.config.json, extensions.json, .azurefunctions/,
#                          the worker (CostOps.Functions.dll), appsettings.json, openapi.json
#   <out>/costops-app.zip  the same, zipped: what Flex Consumption deploys
# <out> is artifacts/ unless --out DIR is given.
# Usage: scripts/publish.sh [--out DIR] [--no-zip]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts"
make_zip=1
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --no-zip) make_zip=0; shift ;;
    *) echo "publish: unknown argument '$1' (use --out DIR, --no-zip)" >&2; exit 2 ;;
  esac
done
app="$out/app"
zipfile="$out/costops-app.zip"

echo "publish: functions/CostOps.Functions.csproj (Release) to $app"
rm -rf "$app" "$zipfile"
dotnet publish "$root/functions/CostOps.Functions.csproj" -c Release -o "$app" --nologo -v quiet

# The host refuses an app without these; fail here rather than at deployment.
for required in functions.metadata host.json worker.config.json extensions.json CostOps.Functions.dll .azurefunctions; do
  if [ ! -e "$app/$required" ]; then
    echo "publish: $required is missing from $app" >&2
    exit 1
  fi
done

if [ "$make_zip" = 1 ]; then
  echo "publish: zip"
  # -r with . keeps dot folders (.azurefunctions/); -X leaves out extra file attributes.
  (cd "$app" && zip -q -r -X "$zipfile" .)
  echo "publish: $zipfile ($(du -h "$zipfile" | cut -f1))"
fi
echo "publish: staged $app"
