#!/usr/bin/env bash
# Runs every test of the solution against a real PostgreSQL and ends with one summary line:
#   N passed, N failed, N skipped
# Exits non-zero when a test failed, the build failed or no test ran. Extra arguments go to `dotnet test`
# (e.g. --filter "FullyQualifiedName~AccessBot.Tests.Host").
# The server comes from ACCESSBOT_TEST_DB when set; otherwise the local cluster is started as run.sh does. Tests create
# and drop databases, so they never use ConnectionStrings__AccessBot (which may name a real deployment).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

if [[ -z "${ACCESSBOT_TEST_DB:-}" ]]; then
  eval "$(env -u ConnectionStrings__AccessBot Bot.Host/scripts/local-postgres.sh)"
fi
unset ConnectionStrings__AccessBot
export ACCESSBOT_TEST_DB

# The Agents Playground test drives the real playground (Node.js): install Debian's nodejs and npm when they are missing
# (like PostgreSQL above: as root or through sudo), then the playground's pinned version once (no network when it is
# already there). If Node.js still cannot be had, that test is skipped and says why; a failed playground install is
# reported here and the test then fails.
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "run-tests.sh: installing Debian's nodejs and npm packages for the Agents Playground test…" >&2
  { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } >&2 \
    || echo "run-tests.sh: Node.js could not be installed; the Agents Playground test will be skipped" >&2
fi
if command -v node >/dev/null && command -v npm >/dev/null; then
  Bot.Adapters/Teams/teams-app/playground.sh install </dev/null \
    || echo "run-tests.sh: the Agents Playground could not be installed; its test will fail" >&2
fi

results=$(mktemp -d "${TMPDIR:-/tmp}/accessbot-tests.XXXXXX")
trap 'rm -rf "$results"' EXIT

status=0
dotnet test AccessBot.sln --logger trx --results-directory "$results" "$@" </dev/null || status=$?

passed=0 failed=0 skipped=0
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  [[ -n "$counters" ]] || continue
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
  skipped=$((skipped + $(counter notExecuted "$counters")))
done

echo "$passed passed, $failed failed, $skipped skipped"
if (( status != 0 || failed > 0 || passed + failed == 0 )); then exit 1; fi
