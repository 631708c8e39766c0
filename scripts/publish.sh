#!/usr/bin/env bash
# Stages the deployable Functions app and its zip:
#   artifacts/app/            host.json, <Name>/function.json for every functions/<Name>/,
#                             the self-contained single-file linux-x64 handler (mode 0755),
#                             appsettings.json and the workload catalog schema
#   artifacts/costops-app.zip the same, zipped on Linux so the handler keeps its exec bit
# Usage: scripts/publish.sh [--no-zip]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app="$root/artifacts/app"
zipfile="$root/artifacts/costops-app.zip"
make_zip=1
[ "${1:-}" = "--no-zip" ] && make_zip=0

echo "publish: handler (self-contained, single file, linux-x64, untrimmed)"
rm -rf "$app" "$zipfile"
dotnet publish "$root/src/CostOps.Handler/CostOps.Handler.csproj" \
  -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:PublishTrimmed=false -p:DebugType=none \
  -o "$app" --nologo -v quiet

echo "publish: host.json and function folders"
cp "$root/host.json" "$app/host.json"
for dir in "$root"/functions/*/; do
  name="$(basename "$dir")"
  mkdir -p "$app/$name"
  cp "$dir"function.json "$app/$name/function.json"
done
chmod 0755 "$app/handler"

if [ "$make_zip" = 1 ]; then
  echo "publish: zip"
  (cd "$app" && zip -q -r -X "$zipfile" .)
  # Verify the exec bit survived: a custom handler without it cannot start on Linux plans.
  if ! zipinfo "$zipfile" handler | grep -q '^-rwx'; then
    echo "publish: the handler lost its exec bit in the zip" >&2
    exit 1
  fi
  echo "publish: $zipfile ($(du -h "$zipfile" | cut -f1))"
fi
echo "publish: staged $app"
