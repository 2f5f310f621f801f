#!/usr/bin/env bash
# Runs AccessBot from any directory: `Bot.Host/run.sh` serves the bot; `Bot.Host/run.sh VERB …` runs one CLI verb
# (`Bot.Host/run.sh help` lists them). Reads .env at the repository root (set variables win), starts a local
# PostgreSQL when ConnectionStrings__AccessBot is not configured, then runs the host in Release. Paths in .env and
# in arguments are relative to the repository root, where the host runs.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# shellcheck source=scripts/dotenv.sh
source Bot.Host/scripts/dotenv.sh
load_dotenv "$repo/.env"
eval "$(Bot.Host/scripts/local-postgres.sh)"

# Build on its own with output on stderr: a verb's stdout stays its own (request submit prints the id last).
dotnet build Bot.Host -c Release -nologo -v quiet -clp:NoSummary >&2
# Run the built assembly from here (not `dotnet run`, which makes Bot.Host/ the content root): the policy file, .env
# paths and arguments then resolve against the repository root, as documented.
exec dotnet Bot.Host/bin/Release/net10.0/Bot.Host.dll "$@"
