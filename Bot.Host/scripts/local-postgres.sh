#!/usr/bin/env bash
# Brings up the local PostgreSQL cluster the bot and its tests use when no connection string is configured.
# Prints `export ConnectionStrings__AccessBot=…` (and ACCESSBOT_TEST_DB) for the caller to eval; everything else goes to stderr.
#   eval "$(Bot.Host/scripts/local-postgres.sh)"
# Debian's `postgresql` package is installed if missing. PostgreSQL refuses to run as root, so the cluster runs as the
# package's `postgres` user, listens on 127.0.0.1 only, on a port of its own, with scram-sha-256 and a generated password.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
port=${ACCESSBOT_PG_PORT:-55432}
say() { printf '%s\n' "$*" >&2; }

if [[ -n "${ConnectionStrings__AccessBot:-}" ]]; then
  say "local-postgres: ConnectionStrings__AccessBot is set; using it."
  printf 'export ACCESSBOT_TEST_DB=%q\n' "${ACCESSBOT_TEST_DB:-$ConnectionStrings__AccessBot}"
  exit 0
fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  say "local-postgres: installing Debian's postgresql package…"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

pguser=postgres
id "$pguser" >/dev/null 2>&1 || { say "local-postgres: the '$pguser' user is missing (it comes with Debian's postgresql package)"; exit 1; }
run_pg() { if [[ $(id -un) == "$pguser" ]]; then "$@"; else as_root runuser -u "$pguser" -- "$@"; fi; }

# The data folder must be reachable by the postgres user: a checkout under a private home directory is not.
state="$repo/.local"
mkdir -p "$state"
data="$state/pg"
if ! run_pg test -x "$state" 2>/dev/null || ! run_pg test -x "$repo" 2>/dev/null; then
  data="/tmp/accessbot-pg-$(printf '%s' "$repo" | sha256sum | cut -c1-12)"
fi
pwfile="$state/pg.password"

if [[ ! -s "$data/PG_VERSION" ]]; then
  say "local-postgres: creating a cluster in $data"
  as_root mkdir -p "$data"
  as_root chown "$pguser" "$data"
  as_root chmod 700 "$data"
  umask 077
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile"
  tmp=$(mktemp); cp "$pwfile" "$tmp"; as_root chown "$pguser" "$tmp"
  run_pg "$bindir/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 --pwfile="$tmp" -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$tmp"
fi
[[ -s "$pwfile" ]] || { say "local-postgres: $pwfile is missing; delete $data to start over"; exit 1; }

if ! "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  say "local-postgres: starting on 127.0.0.1:$port"
  run_pg "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$data -c max_connections=300 -c shared_buffers=256MB" >&2
fi

# The bot's own database (tests create and drop theirs next to it).
export PGPASSWORD
PGPASSWORD=$(cat "$pwfile")
if [[ -z $("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'accessbot'") ]]; then
  say "local-postgres: creating database accessbot"
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres accessbot >&2
fi

cs="Host=127.0.0.1;Port=$port;Username=postgres;Password=$PGPASSWORD;Database=accessbot"
printf 'export ConnectionStrings__AccessBot=%q\n' "$cs"
printf 'export ACCESSBOT_TEST_DB=%q\n' "${cs%;Database=accessbot};Database=postgres"
printf 'export ACCESSBOT_PG_BIN=%q\n' "$bindir"
