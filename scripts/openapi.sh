#!/usr/bin/env bash
# ./build.sh openapi [--check]
#
# Regenerates the OpenAPI document and the C# client from the API's code:
#   1. tools/OpenApiExport runs the API in an in-memory test host (no database, no network) and writes the document
#      it serves at /swagger/v1/swagger.json to src/Client/openapi.json (normalised: 2-space indent, LF).
#   2. tools/ClientGenerator (NSwag.CodeGeneration.CSharp) generates src/Client/Generated/*.g.cs from that file.
#   3. src/Client is built, so a document the generator cannot turn into warning-free C# fails here.
# With --check nothing is written: the exit code is 1 when the checked-in files differ from what would be generated.
# Commit src/Client/openapi.json and src/Client/Generated/ after a run. Keep build.ps1 (Invoke-OpenApi) in step.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
CONFIGURATION="${KEYBOX_CONFIGURATION:-Release}"
DOCUMENT="src/Client/openapi.json"
GENERATED="src/Client/Generated"

log() { printf '==> %s\n' "$*" >&2; }

check=0
case "${1:-}" in
    "") ;;
    --check) check=1 ;;
    *) printf '==> ERROR: openapi: unknown option %s (only --check)\n' "$1" >&2; exit 2 ;;
esac

if ! command -v dotnet >/dev/null 2>&1; then
    for d in /usr/share/dotnet "${HOME:-}/.dotnet" /usr/local/share/dotnet /usr/lib/dotnet; do
        if [[ -x $d/dotnet ]]; then export PATH="$d:$PATH"; break; fi
    done
fi
export DOTNET_CLI_TELEMETRY_OPTOUT="${DOTNET_CLI_TELEMETRY_OPTOUT:-1}" DOTNET_NOLOGO="${DOTNET_NOLOGO:-1}"

out_document="$DOCUMENT"
out_generated="$GENERATED"
if ((check)); then
    scratch="$(mktemp -d)"
    trap 'rm -rf -- "$scratch"' EXIT
    out_document="$scratch/openapi.json"
    out_generated="$scratch/Generated"
fi

log "dotnet build tools/OpenApiExport and tools/ClientGenerator -c $CONFIGURATION"
dotnet build tools/OpenApiExport/KeyBox.OpenApiExport.csproj -c "$CONFIGURATION" -nologo -v quiet
dotnet build tools/ClientGenerator/KeyBox.ClientGenerator.csproj -c "$CONFIGURATION" -nologo -v quiet

log "exporting the OpenAPI document -> $out_document"
dotnet run --no-build -c "$CONFIGURATION" --project tools/OpenApiExport -- "$out_document"
log "generating the C# client -> $out_generated"
dotnet run --no-build -c "$CONFIGURATION" --project tools/ClientGenerator -- "$out_document" "$out_generated"

if ((check)); then
    if diff -q "$DOCUMENT" "$out_document" >/dev/null && diff -rq "$GENERATED" "$out_generated" >/dev/null; then
        log "$DOCUMENT and $GENERATED/ are up to date"
        exit 0
    fi
    diff -u "$DOCUMENT" "$out_document" | head -n 60 >&2 || true
    log "the checked-in OpenAPI document or client is out of date: run ./build.sh openapi and commit the result"
    exit 1
fi

log "dotnet build src/Client -c $CONFIGURATION"
dotnet build src/Client/KeyBox.Client.csproj -c "$CONFIGURATION" -nologo -v quiet
log "done: commit $DOCUMENT and $GENERATED/"
