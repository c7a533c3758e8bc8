# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this file
# Shared by the runbook scripts: options, an HTTPS client that keeps the admin
# token off the command line, and the reporting and exit-code conventions.
#
# Exit codes of every script:
#   0  all checks passed
#   1  findings (a check failed)
#   2  usage error or a missing tool
#   3  the server cannot be reached
#   4  no findings, but some checks could not run because the server does not
#      serve the route yet (answers 404): an older or partial server version

AUTH_URL=${AUTH_URL:-https://127.0.0.1:3000}
AUTH_CA_FILE=${AUTH_CA_FILE:-}
AUTH_INSECURE=${AUTH_INSECURE:-0}
AUTH_LOG_DIR=${AUTH_LOG_DIR:-/var/log/auth-service}
AUTH_ADMIN_TOKEN=${AUTH_ADMIN_TOKEN:-}
AUTH_TIMEOUT=${AUTH_TIMEOUT:-10}
AUTH_QUIET=${AUTH_QUIET:-0}

FINDINGS=0
UNAVAILABLE=0
PASSED=0
SHIFT_BY=0
STATUS=""
BODY_FILE=""

AUTH_WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/auth-runbook.XXXXXX")
chmod 700 "$AUTH_WORK_DIR"
trap 'rm -rf "$AUTH_WORK_DIR"' EXIT
BODY_FILE="$AUTH_WORK_DIR/body"

COMMON_USAGE="Common options:
  --url URL           server base URL (default \$AUTH_URL or https://127.0.0.1:3000)
  --ca FILE           CA certificate that signed the server's certificate (\$AUTH_CA_FILE)
  --insecure          do not verify the server certificate (development only)
  --token-file FILE   read the admin access token from FILE (else \$AUTH_ADMIN_TOKEN)
  --log-dir DIR       directory of security.log and application.log (default /var/log/auth-service)
  --quiet             print findings and the summary only
  -h, --help          this help
Exit codes: 0 clean, 1 findings, 2 usage or missing tool, 3 server unreachable,
4 some checks unavailable on this server version (404)."

die_usage() {
    printf '%s: %s\n' "$(basename "$0")" "$1" >&2
    exit 2
}

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die_usage "needs '$tool' (install it with apt)"
    done
}

# Handles one common option; sets SHIFT_BY to how many arguments it used (0: not common).
common_option() {
    SHIFT_BY=0
    case "$1" in
    --url) [ $# -ge 2 ] || die_usage "--url needs a value"; AUTH_URL=$2; SHIFT_BY=2 ;;
    --ca) [ $# -ge 2 ] || die_usage "--ca needs a file"; AUTH_CA_FILE=$2; SHIFT_BY=2 ;;
    --insecure) AUTH_INSECURE=1; SHIFT_BY=1 ;;
    --token-file)
        [ $# -ge 2 ] || die_usage "--token-file needs a file"
        [ -r "$2" ] || die_usage "cannot read $2"
        AUTH_ADMIN_TOKEN=$(tr -d ' \r\n' <"$2")
        SHIFT_BY=2
        ;;
    --log-dir) [ $# -ge 2 ] || die_usage "--log-dir needs a directory"; AUTH_LOG_DIR=$2; SHIFT_BY=2 ;;
    --quiet) AUTH_QUIET=1; SHIFT_BY=1 ;;
    esac
}

check_common_settings() {
    AUTH_URL=${AUTH_URL%/}
    case "$AUTH_URL" in
    http://* | https://*) ;;
    *) die_usage "--url must start with http:// or https://" ;;
    esac
    if [ -n "$AUTH_CA_FILE" ] && [ ! -r "$AUTH_CA_FILE" ]; then
        die_usage "cannot read CA file $AUTH_CA_FILE"
    fi
}

url_host() {
    local rest=${AUTH_URL#*://}
    rest=${rest%%/*}
    if [[ $rest == \[* ]]; then
        rest=${rest#[}
        printf '%s\n' "${rest%%]*}"
    else
        printf '%s\n' "${rest%%:*}"
    fi
}

url_port() {
    local rest=${AUTH_URL#*://}
    rest=${rest%%/*}
    rest=${rest##*]}
    if [[ $rest == *:* ]]; then
        printf '%s\n' "${rest##*:}"
    elif [[ $AUTH_URL == https://* ]]; then
        echo 443
    else
        echo 80
    fi
}

curl_tls_args() {
    CURL_TLS=()
    if [ -n "$AUTH_CA_FILE" ]; then CURL_TLS+=(--cacert "$AUTH_CA_FILE"); fi
    if [ "$AUTH_INSECURE" = 1 ]; then CURL_TLS+=(--insecure); fi
}

# api METHOD PATH [--admin] [--token TOKEN] [--json BODY] [--form BODY] [--header H]
# Sets STATUS (000 when unreachable) and leaves the body in $BODY_FILE. Tokens go
# through a 0600 header file, never onto a command line that `ps` shows.
api() {
    local method=$1 path=$2
    shift 2
    local args=() token=""
    while [ $# -gt 0 ]; do
        case "$1" in
        --admin) token=$AUTH_ADMIN_TOKEN; shift ;;
        --token) token=$2; shift 2 ;;
        --json) args+=(-H 'Content-Type: application/json' --data-binary "$2"); shift 2 ;;
        --form) args+=(-H 'Content-Type: application/x-www-form-urlencoded' --data-binary "$2"); shift 2 ;;
        --header) args+=(-H "$2"); shift 2 ;;
        *) die_usage "api: unknown argument $1" ;;
        esac
    done
    if [ -n "$token" ]; then
        (umask 077 && printf 'Authorization: Bearer %s\n' "$token" >"$AUTH_WORK_DIR/auth-header")
        args+=(-H "@$AUTH_WORK_DIR/auth-header")
    fi
    curl_tls_args
    STATUS=$(curl -sS -o "$BODY_FILE" -w '%{http_code}' --max-time "$AUTH_TIMEOUT" -X "$method" \
        "${CURL_TLS[@]}" "${args[@]}" "$AUTH_URL$path" 2>"$AUTH_WORK_DIR/curl-error") || STATUS=000
    rm -f "$AUTH_WORK_DIR/auth-header"
}

body() {
    cat "$BODY_FILE"
}

pass() {
    PASSED=$((PASSED + 1))
    [ "$AUTH_QUIET" = 1 ] || printf 'PASS  %s\n' "$1"
}

# finding SEVERITY MESSAGE: a failed check (CRITICAL, HIGH, MEDIUM or LOW).
finding() {
    FINDINGS=$((FINDINGS + 1))
    printf 'FAIL  [%s] %s\n' "$1" "$2"
}

unavailable() {
    UNAVAILABLE=$((UNAVAILABLE + 1))
    printf 'SKIP  %s\n' "$1"
}

info() {
    [ "$AUTH_QUIET" = 1 ] || printf 'INFO  %s\n' "$1"
}

# Exits 3 unless GET /health answers.
require_server() {
    api GET /health
    if [ "$STATUS" = 000 ]; then
        printf 'FAIL  [CRITICAL] %s is unreachable: %s\n' "$AUTH_URL" "$(cat "$AUTH_WORK_DIR/curl-error")"
        exit 3
    fi
}

# Calls an admin or operations route; on 404 records it as unavailable and returns 1.
# Other failures are findings. Returns 0 with the body in $BODY_FILE on 2xx.
ops_call() {
    local method=$1 path=$2 what=$3
    shift 3
    api "$method" "$path" "$@"
    case "$STATUS" in
    2??) return 0 ;;
    404) unavailable "$what: $path is not served by this server version (404)"; return 1 ;;
    401 | 403) finding HIGH "$what: $path answered $STATUS (set an admin token with --token-file or AUTH_ADMIN_TOKEN)"; return 1 ;;
    000) finding CRITICAL "$what: $path unreachable"; return 1 ;;
    *) finding HIGH "$what: $path answered $STATUS: $(head -c 300 "$BODY_FILE")"; return 1 ;;
    esac
}

finish() {
    printf 'SUMMARY %s: %d passed, %d findings, %d unavailable\n' "$(basename "$0")" "$PASSED" "$FINDINGS" "$UNAVAILABLE"
    if [ "$FINDINGS" -gt 0 ]; then exit 1; fi
    if [ "$UNAVAILABLE" -gt 0 ]; then exit 4; fi
    exit 0
}
