#!/usr/bin/env bash
# Login and client_credentials token throughput of auth-service beside the raw
# Argon2id and JWT signing rates of this machine, measured in the same run, plus
# /health latency while logins saturate the CPU.
#
#   bench/auth-throughput.sh [-a RS256|ES256|EdDSA] [path/to/auth-service]
#       -a ALG   JWT signing algorithm of the server (JWT_ALGORITHM); default RS256
#       path     default build/server/auth-service
#
# Builds nothing: build auth-service, bench-argon2 and bench-signing first. Starts
# its own server on a free loopback port with a temporary data directory and a
# self-signed certificate, and stops it on exit. Needs wrk, openssl and curl.
# Tunables (environment): LOGIN_SECONDS (15), CONNECTIONS (8), IDLE_SECONDS (5),
# TOKEN_SECONDS (15), TOKEN_CONNECTIONS (16), ARGON2_SECONDS (5, per phase of
# bench-argon2), SIGNING_SECONDS (5, per phase of bench-signing), BENCH_ARGON2 and
# BENCH_SIGNING (their paths; default bench/bench-argon2 and bench/bench-signing
# in the server's build directory).
set -euo pipefail

usage() { echo "usage: $0 [-a RS256|ES256|EdDSA] [path/to/auth-service]" >&2; exit 2; }
alg=RS256
while getopts "a:h" option; do
  case $option in
    a) alg=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -le 1 ] || usage
case $alg in RS256|ES256|EdDSA) ;; *) echo "auth-throughput: unsupported algorithm $alg" >&2; usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
server=${1:-$root/build/server/auth-service}
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
argon2=${BENCH_ARGON2:-$(dirname "$(dirname "$server")")/bench/bench-argon2}
signing=${BENCH_SIGNING:-$(dirname "$(dirname "$server")")/bench/bench-signing}
login_seconds=${LOGIN_SECONDS:-15}
connections=${CONNECTIONS:-8}
idle_seconds=${IDLE_SECONDS:-5}
argon2_seconds=${ARGON2_SECONDS:-5}
token_seconds=${TOKEN_SECONDS:-15}
token_connections=${TOKEN_CONNECTIONS:-16}
signing_seconds=${SIGNING_SECONDS:-5}

die() { echo "auth-throughput: $*" >&2; exit 1; }
[ -x "$server" ] || die "no auth-service at $server (build it first, or pass its path)"
[ -x "$argon2" ] || die "no bench-argon2 at $argon2 (build the bench-argon2 target, or set BENCH_ARGON2)"
[ -x "$signing" ] || die "no bench-signing at $signing (build the bench-signing target, or set BENCH_SIGNING)"
for tool in wrk openssl curl base64; do
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
# minute; this measures the server, so it is lifted. The bootstrap admin
# registers the client_credentials client.
admin_email="admin@bench.example"
admin_password="Tangerine-Voltage-Harbor-42"
env -i PATH="$PATH" HOME="$tmp" \
  APP_ENV=test PORT="$port" BIND_ADDRESS=127.0.0.1 JWT_ALGORITHM="$alg" \
  ADMIN_BOOTSTRAP_EMAIL="$admin_email" ADMIN_BOOTSTRAP_PASSWORD="$admin_password" \
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
json_field() { # json_field NAME JSON -> value of a top-level string or number member
  sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# The bench client: confidential, client_credentials only, scope "read".
status=$(curl_ -o "$tmp/admin-login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" "$base/api/v1/auth/login")
[ "$status" = 200 ] || die "admin login answered $status: $(cat "$tmp/admin-login.json")"
admin_token=$(json_field access_token "$(cat "$tmp/admin-login.json")")
[ -n "$admin_token" ] || die "admin login returned no access_token: $(cat "$tmp/admin-login.json")"
status=$(curl_ -o "$tmp/client.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $admin_token" \
  -d '{"name":"bench","confidential":true,"grant_types":["client_credentials"],"scopes":["read"]}' \
  "$base/admin/clients")
[ "$status" = 201 ] || die "client registration answered $status: $(cat "$tmp/client.json")"
client_id=$(json_field client_id "$(cat "$tmp/client.json")")
client_secret=$(json_field client_secret "$(cat "$tmp/client.json")")
[ -n "$client_id" ] && [ -n "$client_secret" ] || die "no client credentials in $(cat "$tmp/client.json")"
# RFC 6749 2.3.1 form-encodes id and secret before Basic; both are base64url, so as is.
export BENCH_CLIENT_BASIC
BENCH_CLIENT_BASIC=$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)
status=$(curl_ -o "$tmp/token.json" -w '%{http_code}' -H "Authorization: Basic $BENCH_CLIENT_BASIC" \
  -d 'grant_type=client_credentials&scope=read' "$base/oauth/token")
[ "$status" = 200 ] || die "client_credentials token answered $status: $(cat "$tmp/token.json")"
token_alg=$(json_field access_token "$(cat "$tmp/token.json")" | cut -d. -f1 | tr '_-' '/+' \
  | { read -r h; pad=$(( (4 - ${#h} % 4) % 4 )); printf '%s%s' "$h" "$(head -c "$pad" </dev/zero | tr '\0' '=')"; } \
  | base64 -d 2>/dev/null | sed -n 's/.*"alg":"\([^"]*\)".*/\1/p')
[ "$token_alg" = "$alg" ] || die "the server signs with ${token_alg:-?}, not $alg"

echo "auth-throughput: $(nproc) cores, $alg, server $server, port $port" >&2
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

# 3. client_credentials tokens at full load (one SHA-256 secret check and one JWT
# signature each).
wrk -t2 -c"$token_connections" -d"${token_seconds}s" --timeout 10s -s "$here/token.lua" \
  "$base/oauth/token" >"$tmp/token.txt" || die "token wrk run failed: $(cat "$tmp/token.txt")"
token=$(grep '^RESULT token' "$tmp/token.txt") || die "token wrk run failed: $(cat "$tmp/token.txt")"

# 4. The raw Argon2id and signing rates on this machine, after the load so they do
# not compete with the server.
stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; }
load_after=$(cut -d' ' -f1 /proc/loadavg)
stop_server
argon2_json=$("$argon2" "$argon2_seconds")
argon2_1t=$(json_field argon2id_hashes_per_s_1t "$argon2_json")
argon2_nt=$(json_field argon2id_hashes_per_s_nt "$argon2_json")
argon2_threads=$(json_field threads "$argon2_json")
signing_json=$("$signing" "$signing_seconds" "$alg")
signing_1t=$(json_field jwt_sign_per_s_1t "$signing_json")
signing_nt=$(json_field jwt_sign_per_s_nt "$signing_json")
signing_threads=$(json_field threads "$signing_json")

logins=$(field ok_per_s "$login")
ratio=$(ratio "$logins" "$argon2_nt")
tokens=$(field ok_per_s "$token")
token_ratio=$(ratio "$tokens" "$signing_nt")

printf '\nauth-service throughput, %s, %s cores, %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$alg"
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
printf '%-46s %s\n' "client_credentials tokens/s (${token_connections} conn, ${token_seconds} s)" "$tokens"
printf '%-46s %s / %s\n' "  token latency p50 / p99 (ms)" "$(field p50_ms "$token")" "$(field p99_ms "$token")"
printf '%-46s %s\n' "  failed token requests" "$(field failed "$token")"
printf '%-46s %s\n' "$alg signJwt/s, 1 thread" "$signing_1t"
printf '%-46s %s\n' "$alg signJwt/s, ${signing_threads} threads" "$signing_nt"
printf '%-46s %s\n' "tokens/s / signJwt/s (${signing_threads} threads)" "$token_ratio"
printf '%-46s %s / %s\n' "1-min load average before / after the load" "$load_before" "$load_after"
