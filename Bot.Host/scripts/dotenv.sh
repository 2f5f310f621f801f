# Sourced by run.sh: `load_dotenv FILE` exports the KEY=VALUE entries of FILE that are not already set.
# Same rules as the host's own reader (Bot.Host/Configuration/DotEnvFile.cs): blank lines and `#` comments, optional
# `export `, bare values trimmed with ` #` starting a comment, 'single quotes' literal, "double quotes" with \n \t \" \\.
# Errors name the line and key, never the value.

_dotenv_trim() { local s=$1; s="${s#"${s%%[![:space:]]*}"}"; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

load_dotenv() {
  local file=$1 number=0 line key raw value quote i c rest
  local -A entries=()
  local -a order=()
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    number=$((number + 1))
    line=$(_dotenv_trim "${line%$'\r'}")
    [[ -z "$line" || "$line" == \#* ]] && continue
    [[ "$line" == "export "* ]] && line=$(_dotenv_trim "${line#export }")
    if [[ "$line" != *=* || "$line" == =* ]]; then printf '%s line %d: expected KEY=VALUE\n' "$file" "$number" >&2; return 1; fi
    key=$(_dotenv_trim "${line%%=*}")
    if [[ ! "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then printf "%s line %d: '%s' is not a valid key\n" "$file" "$number" "$key" >&2; return 1; fi
    raw=$(_dotenv_trim "${line#*=}")
    value=""
    quote=${raw:0:1}
    if [[ "$quote" == "'" || "$quote" == '"' ]]; then
      i=1; rest=""
      while :; do
        if (( i >= ${#raw} )); then printf '%s line %d: the value of %s has no closing quote\n' "$file" "$number" "$key" >&2; return 1; fi
        c=${raw:i:1}
        if [[ "$c" == "$quote" ]]; then rest=$(_dotenv_trim "${raw:i+1}"); break; fi
        if [[ "$quote" == '"' && "$c" == '\' && $((i + 1)) -lt ${#raw} ]]; then
          i=$((i + 1)); c=${raw:i:1}
          case "$c" in n) c=$'\n' ;; t) c=$'\t' ;; esac
        fi
        value+=$c; i=$((i + 1))
      done
      if [[ -n "$rest" && "$rest" != \#* ]]; then printf '%s line %d: unexpected text after the closing quote of %s\n' "$file" "$number" "$key" >&2; return 1; fi
    else
      value=$(_dotenv_trim "${raw%% #*}")
    fi
    [[ -n "${entries[$key]+set}" ]] || order+=("$key")
    entries[$key]=$value
  done < "$file"
  # A later duplicate replaces an earlier one; only then does a variable already set win.
  for key in "${order[@]}"; do
    [[ -n "${!key+set}" ]] || export "$key=${entries[$key]}"
  done
}
