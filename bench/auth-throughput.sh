#!/usr/bin/env bash
# Login throughput of auth-service beside the raw Argon2id rate of this machine,
# measured in the same run, plus /health latency while logins saturate the CPU.
#
#   bench/auth-throughput.sh [path/to/auth-service]    (default build/server/auth-service)
#
# Builds nothing: build auth-service and bench-argon2 first. Starts its own
# server on a free loopback port with a temporary data directory and a
# self-signed certificate, and stops it on exit. Needs wrk, openssl and curl.
# Tunables (environment): LOGIN_SECONDS (15), CONNECTIONS (8), IDLE_SECONDS (5),
# ARGON2_SECONDS (5, per phase of bench-argon2), BENCH_ARGON2 (its path; default
# bench/bench-argon2 in the server's build directory).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
server=${1:-$root/build/server/auth-service}
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
argon2=${BENCH_ARGON2:-$(dirname "$(dirname "$server")")/bench/bench-argon2}
login_seconds=${LOGIN_SECONDS:-15}
connections=${CONNECTIONS:-8}
idle_seconds=${IDLE_SECONDS:-5}
argon2_seconds=${ARGON2_SECONDS:-5}

die() { echo "auth-throughput: $*" >&2; exit 1; }
[ -x "$server" ] || die "no auth-service at $server (build it first, or pass its path)"
[ -x "$argon2" ] || die "no bench-argon2 at $argon2 (build the bench-argon2 target, or set BENCH_ARGON2)"
for tool in wrk openssl curl; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/install-deps installs it)"
done

tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A port nobody answers on; the server refuses to start if it is taken meanwhile.
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || die "no free port found"

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
: >"$tmp/config.toml"
mkdir -p "$tmp/log" "$tmp/data"

# The per-IP rate limit would cap a single-client benchmark at 100 logins a
# minute; this measures the server, so it is lifted.
env -i PATH="$PATH" HOME="$tmp" \
  APP_ENV=test PORT="$port" BIND_ADDRESS=127.0.0.1 \
  TLS_CERT_PATH="$tmp/cert.pem" TLS_KEY_PATH="$tmp/key.pem" \
  LOG_DIR="$tmp/log" DATA_DIR="$tmp/data" LOG_LEVEL=warn \
  RATE_LIMIT_PER_IP_PER_MINUTE=1000000 RATE_LIMIT_BURST=100000 \
  "$server" --config "$tmp/config.toml" >"$tmp/server.out" 2>&1 &
pid=$!

base="https://127.0.0.1:$port"
curl_() { curl -sS --cacert "$tmp/cert.pem" "$@"; }
for _ in $(seq 1 200); do
  if curl_ -o /dev/null "$base/health" 2>/dev/null; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.out" >&2; die "auth-service exited"; }
  sleep 0.1
done
curl_ -o /dev/null "$base/health" || die "auth-service does not answer on $base"

export BENCH_EMAIL="bench@bench.example"
export BENCH_PASSWORD="Tangerine-Voltage-Harbor-42"
status=$(curl_ -o "$tmp/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\",\"name\":\"Bench User\"}" \
  "$base/api/v1/auth/register")
[ "$status" = 201 ] || die "registration answered $status: $(cat "$tmp/register.json")"
status=$(curl_ -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" "$base/api/v1/auth/login")
[ "$status" = 200 ] || die "login answered $status"

field() { # field NAME LINE -> value of NAME=value
  sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"
}

echo "auth-throughput: $(nproc) cores, server $server, port $port" >&2
# Other work on the machine skews every figure below; the table shows how much there was.
load_before=$(cut -d' ' -f1 /proc/loadavg)

# 1. /health on an idle server, for reference.
idle=$(wrk -t1 -c1 -d"${idle_seconds}s" -s "$here/health.lua" "$base/health" | grep '^RESULT health')

# 2. Logins at full load, and /health probed beside them.
wrk -t2 -c"$connections" -d"${login_seconds}s" --timeout 10s -s "$here/login.lua" \
  "$base/api/v1/auth/login" >"$tmp/login.txt" &
login_pid=$!
wrk -t1 -c1 -d"${login_seconds}s" --timeout 10s -s "$here/health.lua" "$base/health" >"$tmp/health.txt" &
health_pid=$!
wait "$login_pid" "$health_pid"
login=$(grep '^RESULT login' "$tmp/login.txt") || die "login wrk run failed: $(cat "$tmp/login.txt")"
loaded=$(grep '^RESULT health' "$tmp/health.txt") || die "health wrk run failed: $(cat "$tmp/health.txt")"

# 3. ---- client_credentials tokens/s: TO BE ADDED with /oauth/token ------------
# Register a confidential client through POST /admin/clients, then run wrk with a
# form-encoded grant_type=client_credentials script (bench/client-credentials.lua)
# against /oauth/token for LOGIN_SECONDS, and set cc_per_s from its RESULT line.
cc_per_s="n/a (pending /oauth/token)"
# ---- end of the client_credentials spot --------------------------------------

# 4. The raw Argon2id rate on this machine, after the load so they do not compete.
stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }
load_after=$(cut -d' ' -f1 /proc/loadavg)
stop_server
argon2_json=$("$argon2" "$argon2_seconds")
argon2_1t=$(sed -n 's/.*"argon2id_hashes_per_s_1t":\([0-9.]*\).*/\1/p' <<<"$argon2_json")
argon2_nt=$(sed -n 's/.*"argon2id_hashes_per_s_nt":\([0-9.]*\).*/\1/p' <<<"$argon2_json")
argon2_threads=$(sed -n 's/.*"threads":\([0-9]*\).*/\1/p' <<<"$argon2_json")

logins=$(field ok_per_s "$login")
ratio=$(awk -v a="$logins" -v b="$argon2_nt" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

printf '\nauth-service throughput, %s, %s cores\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)"
printf '%-46s %s\n' "metric" "value"
printf '%-46s %s\n' "----------------------------------------------" "-----------------"
printf '%-46s %s\n' "logins/s (${connections} connections, ${login_seconds} s)" "$logins"
printf '%-46s %s / %s\n' "  login latency p50 / p99 (ms)" "$(field p50_ms "$login")" "$(field p99_ms "$login")"
printf '%-46s %s\n' "  failed login requests" "$(field failed "$login")"
printf '%-46s %s\n' "Argon2id hashes/s, 1 thread" "$argon2_1t"
printf '%-46s %s\n' "Argon2id hashes/s, ${argon2_threads} threads" "$argon2_nt"
printf '%-46s %s\n' "logins/s / Argon2id hashes/s (${argon2_threads} threads)" "$ratio"
printf '%-46s %s / %s\n' "/health p50 / p99 idle (ms)" "$(field p50_ms "$idle")" "$(field p99_ms "$idle")"
printf '%-46s %s / %s\n' "/health p50 / p99 during login load (ms)" "$(field p50_ms "$loaded")" \
  "$(field p99_ms "$loaded")"
printf '%-46s %s\n' "/health max during login load (ms)" "$(field max_ms "$loaded")"
printf '%-46s %s\n' "/health failed requests during login load" "$(field failed "$loaded")"
printf '%-46s %s\n' "client_credentials tokens/s" "$cc_per_s"
printf '%-46s %s / %s\n' "1-min load average before / after the load" "$load_before" "$load_after"
