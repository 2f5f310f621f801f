#!/usr/bin/env bash
# Builds the Teams app package (manifest + two icons) to upload in Teams or the Developer Portal.
# Usage: TEAMS_APP_ID=<Microsoft App ID of the Azure Bot> [TEAMS_DEVELOPER_NAME=…] [TEAMS_WEBSITE_URL=https://…] ./pack.sh [out.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${TEAMS_APP_ID:?set TEAMS_APP_ID to the Microsoft App ID of the bot (a GUID)}"
if ! [[ "$TEAMS_APP_ID" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "TEAMS_APP_ID must be a GUID, got '$TEAMS_APP_ID'" >&2
  exit 2
fi
export TEAMS_APP_ID
export TEAMS_DEVELOPER_NAME="${TEAMS_DEVELOPER_NAME:-AccessBot operators}"
export TEAMS_WEBSITE_URL="${TEAMS_WEBSITE_URL:-https://example.com}"
out="$(realpath -m "${1:-accessbot-teams.zip}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Only the three placeholders are substituted; anything else in the manifest stays as written.
python3 - "$here/manifest.json" "$work/manifest.json" <<'PY'
import json, os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name in ("TEAMS_APP_ID", "TEAMS_DEVELOPER_NAME", "TEAMS_WEBSITE_URL"):
    text = text.replace("${" + name + "}", json.dumps(os.environ[name])[1:-1])
json.loads(text)  # fail here rather than in Teams if the result is not JSON
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
# The three files must sit at the root of the zip.
python3 - "$work" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(src, name), name)
PY
echo "Wrote $out"
