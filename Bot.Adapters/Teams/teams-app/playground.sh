#!/usr/bin/env bash
# Runs the Microsoft 365 Agents Playground (the version pinned in playground/package.json and package-lock.json) against
# a local AccessBot in Teams anonymous mode, on 127.0.0.1 only and with its telemetry off.
#
#   playground.sh install              install the pinned version into playground/node_modules (git-ignored) and stop;
#                                      does nothing when it is already there, so it also works offline after one install
#   playground.sh [BOT_ENDPOINT]       install if needed, then start it; default endpoint http://127.0.0.1:5000/api/messages
#
# Environment: PLAYGROUND_PORT (default 56150; the web UI and its mock Bot Connector), PLAYGROUND_CONFIG (the mock tenant,
# default playground/playground.yml), M365_AGENTS_PLAYGROUND_LOGFILE (default playground/devTools/playground.log).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir="$here/playground"
package="$dir/node_modules/@microsoft/m365agentsplayground"

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "playground.sh: $tool is not installed (Node.js 20 or later is needed)" >&2; exit 3; }
done

pinned=$(node -p 'require(process.argv[1]).dependencies["@microsoft/m365agentsplayground"]' "$dir/package.json")
installed() {
  [[ -f "$package/package.json" ]] && [[ "$(node -p 'require(process.argv[1]).version' "$package/package.json")" == "$pinned" ]]
}

if ! installed; then
  echo "playground.sh: installing @microsoft/m365agentsplayground $pinned into $dir/node_modules" >&2
  # The lock file fixes the version and its integrity hash; the package has no install scripts and needs none.
  npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --no-update-notifier --prefer-offline >&2
  installed || { echo "playground.sh: the install did not produce version $pinned" >&2; exit 1; }
fi
[[ "${1:-}" == "install" ]] && exit 0

endpoint="${1:-http://127.0.0.1:5000/api/messages}"
if ! [[ "$endpoint" =~ ^http://(127\.0\.0\.1|localhost|\[::1\]):[0-9]+/ ]]; then
  echo "playground.sh: the bot endpoint must be a loopback http:// URL with a port, got '$endpoint'" >&2
  exit 2
fi
port="${PLAYGROUND_PORT:-56150}"
[[ "$port" =~ ^[0-9]+$ ]] || { echo "playground.sh: PLAYGROUND_PORT must be a number" >&2; exit 2; }
# The playground silently moves to a random port when its port is taken, which would break the service URL below.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "playground.sh: port $port is already in use; set PLAYGROUND_PORT" >&2
  exit 1
fi

export M365_AGENTS_PLAYGROUND_CONFIG_PATH="${PLAYGROUND_CONFIG:-$dir/playground.yml}"
export M365_AGENTS_PLAYGROUND_LOGFILE="${M365_AGENTS_PLAYGROUND_LOGFILE:-$dir/devTools/playground.log}"
# No browser is opened for you; --disable-telemetry stops its events, and Application Insights' own usage statistics
# (which also probe the Azure metadata address) are switched off by the SDK's documented variable.
export TEAMSAPPTESTER_BROWSER=none APPLICATION_INSIGHTS_NO_STATSBEAT=true
echo "playground.sh: web UI http://127.0.0.1:$port  →  bot $endpoint" >&2
cd "$dir"
exec node --require "$dir/loopback-only.cjs" "$package/cli.js" start \
  --app-endpoint "$endpoint" --channel-id msteams --port "$port" \
  --service-url "http://127.0.0.1:$port/_connector" --disable-telemetry
