#!/usr/bin/env bash
# Measures an auth-service endpoint: latency percentiles (p50, p95, p99) and
# throughput, with wrk when installed (concurrent load) or a sequential curl loop.
# A p95 above the runbook's 200 ms target, or failed requests, are findings.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

PATHS=()
DURATION=10
CONNECTIONS=16
THREADS=2
REQUESTS=200
MAX_P95_MS=200
TOOL=auto
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --path PATH         endpoint to measure, repeatable (default: /health and /.well-known/jwks.json)
  --duration SECONDS  wrk run length per endpoint (default 10)
  --connections N     wrk concurrent connections (default 16)
  --requests N        requests per endpoint in curl mode (default 200)
  --max-p95-ms MS     p95 latency above this is a finding (default 200, the runbook's target)
  --tool wrk|curl     force the load generator (default: wrk when installed)
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --path) [ $# -ge 2 ] || die_usage "--path needs a value"; PATHS+=("$2"); shift 2 ;;
    --duration) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die_usage "--duration needs seconds"; DURATION=$2; shift 2 ;;
    --connections) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die_usage "--connections needs a number"; CONNECTIONS=$2; shift 2 ;;
    --requests) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die_usage "--requests needs a number"; REQUESTS=$2; shift 2 ;;
    --max-p95-ms) [[ ${2-} =~ ^[0-9]+$ ]] || die_usage "--max-p95-ms needs a number"; MAX_P95_MS=$2; shift 2 ;;
    --tool) [[ ${2-} =~ ^(wrk|curl|auto)$ ]] || die_usage "--tool is wrk or curl"; TOOL=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
[ ${#PATHS[@]} -gt 0 ] || PATHS=(/health /.well-known/jwks.json)
check_common_settings
require_tools curl awk
require_server
if [ "$TOOL" = auto ]; then
    if command -v wrk >/dev/null 2>&1; then TOOL=wrk; else TOOL=curl; fi
fi
[ "$TOOL" = curl ] || require_tools wrk
[ "$CONNECTIONS" -ge "$THREADS" ] || THREADS=$CONNECTIONS

# wrk reports its own percentiles through this script; it does not verify certificates.
cat >"$AUTH_WORK_DIR/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %d %.6f %.3f %.3f %.3f %d\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors))
end
LUA

measure_wrk() { # path -> "requests seconds p50 p95 p99 errors"
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" -s "$AUTH_WORK_DIR/report.lua" "$AUTH_URL$1" \
        | awk '/^RESULT / { print $2, $3, $4, $5, $6, $7 }'
}

measure_curl() {
    local start end errors=0 code t
    curl_tls_args
    : >"$AUTH_WORK_DIR/times"
    start=$(date +%s.%N)
    for _ in $(seq "$REQUESTS"); do
        read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time "$AUTH_TIMEOUT" \
            "${CURL_TLS[@]}" "$AUTH_URL$1" || echo "000 0")
        if [[ $code != 2* ]]; then errors=$((errors + 1)); fi
        echo "$t" >>"$AUTH_WORK_DIR/times"
    done
    end=$(date +%s.%N)
    sort -g "$AUTH_WORK_DIR/times" | awk -v n="$REQUESTS" -v s="$start" -v e="$end" -v err="$errors" '
        { v[NR] = $1 * 1000 }
        function pct(p,  i) { i = int(p / 100 * n + 0.999999); if (i < 1) i = 1; if (i > n) i = n; return v[i] }
        END { printf "%d %.6f %.3f %.3f %.3f %d\n", n, e - s, pct(50), pct(95), pct(99), err }'
}

printf '%-32s %10s %10s %10s %12s %8s\n' endpoint p50_ms p95_ms p99_ms requests/s errors
for path in "${PATHS[@]}"; do
    if [ "$TOOL" = wrk ]; then result=$(measure_wrk "$path"); else result=$(measure_curl "$path"); fi
    if [ -z "$result" ]; then
        finding HIGH "$path: $TOOL produced no result"
        continue
    fi
    read -r count seconds p50 p95 p99 errors <<<"$result"
    rps=$(awk -v c="$count" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? c / s : 0) }')
    printf '%-32s %10s %10s %10s %12s %8s\n' "$path" "$p50" "$p95" "$p99" "$rps" "$errors"
    if awk -v p="$p95" -v m="$MAX_P95_MS" 'BEGIN { exit !(p > m) }'; then
        finding MEDIUM "$path: p95 latency ${p95} ms is above ${MAX_P95_MS} ms"
    else
        pass "$path: p95 ${p95} ms within ${MAX_P95_MS} ms"
    fi
    if [ "$errors" -gt 0 ]; then
        finding HIGH "$path: $errors of $count requests failed or were not 2xx"
    fi
done
info "load generator: $TOOL$([ "$TOOL" = wrk ] && echo " ($CONNECTIONS connections, ${DURATION}s per endpoint)")"
finish
