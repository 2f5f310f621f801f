#!/usr/bin/env bash
# Runs the benchmark program against the local PostgreSQL cluster (started as for the tests when ACCESSBOT_TEST_DB is unset).
#   Bot.Tests/Benchmarks/run.sh [all|engine [SECONDS]|lifecycle [CLIENTS [SECONDS]]|pgbench|audit-verify|idle-memory|roundtrip|micro [BenchmarkDotNet args]]
# `all` (the default) measures pgbench and the engine side by side, in alternating rounds, and prints the ratio the targets use.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ -z "${ACCESSBOT_TEST_DB:-}" ]]; then
  eval "$(env -u ConnectionStrings__AccessBot Bot.Host/scripts/local-postgres.sh)"
fi
export ACCESSBOT_TEST_DB ACCESSBOT_PG_BIN="${ACCESSBOT_PG_BIN:-}"

dotnet build Bot.Tests/Benchmarks/Bot.Benchmarks.csproj -c Release -v quiet -nologo >&2
exec dotnet Bot.Tests/Benchmarks/bin/Release/net10.0/Bot.Benchmarks.dll "$@"
