#!/usr/bin/env bash
# No lost writes: clients register users and log them in (each login creates a
# session and issues tokens) while redis-server and then PostgreSQL are killed
# and restarted under them. Afterwards every request that was answered 2xx must
# be in the database, and none that was refused may have left anything behind.
#
#   bench/no-lost-writes.sh [path/to/auth-service]
#
# Starts its own Redis, PostgreSQL and auth-service in a temporary directory and
# removes them on exit. Needs redis-server, PostgreSQL, curl, jq and openssl.
# Tunables: CLIENTS (4 parallel clients), PHASE_SECONDS (4 s per phase).
# Exit status 0 when no acknowledged write is lost and no refused one is left.
set -euo pipefail
service=$(realpath "${1:-build/server/auth-service}")
clients=${CLIENTS:-4}
phase=${PHASE_SECONDS:-4}
work=$(mktemp -d /tmp/no-lost-writes.XXXXXX)
chmod 755 "$work"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
redis_pid="" service_pid=""
cleanup() {
  touch "$work/stop"
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null && wait "$service_pid" 2>/dev/null
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null
  [ -f "$work/pg/data/postmaster.pid" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1
  if [ -n "${KEEP_WORK:-}" ]; then echo "no-lost-writes: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

redis_port=$(free_port)
start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    --logfile "$work/redis.log" >/dev/null 2>&1 &
  redis_pid=$!
}
start_redis
pg_port=$(free_port)
mkdir -p "$work/pg/data" "$work/pg/sock"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg/data" -U auth --auth=trust -E UTF8 >/dev/null
pg_start() {
  as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/sock/pg.log" -w -t 30 \
    -o "-p $pg_port -k $work/pg/sock -c listen_addresses=127.0.0.1" start >/dev/null
}
pg_start
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U auth auth
psql_q() { psql -h 127.0.0.1 -p "$pg_port" -U auth -d auth -tAc "$1"; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -keyout "$work/key.pem" \
  -out "$work/cert.pem" -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1" >/dev/null 2>&1
port=$(free_port)
: >"$work/config.toml"
APP_ENV=test PORT=$port BIND_ADDRESS=127.0.0.1 TLS_CERT_PATH="$work/cert.pem" TLS_KEY_PATH="$work/key.pem" \
  LOG_DIR="$work/log" DATA_DIR="$work/data" DATABASE_URL="postgres://auth@127.0.0.1:$pg_port/auth" \
  REDIS_URL="redis://127.0.0.1:$redis_port/0" RATE_LIMIT_PER_IP_PER_MINUTE=100000 RATE_LIMIT_BURST=100000 \
  ARGON2_MEMORY_KIB=8192 ARGON2_ITERATIONS=1 \
  "$service" --config "$work/config.toml" >"$work/service.log" 2>&1 &
service_pid=$!
url="https://127.0.0.1:$port"
for _ in $(seq 100); do curl -sk -o /dev/null "$url/health" && break; sleep 0.2; done
if ! curl -sk -o /dev/null "$url/health"; then
  echo "no-lost-writes: auth-service did not start:" >&2
  tail -20 "$work/service.log" >&2
  exit 1
fi

password="Quartz-Meadow-Lantern-91"
client() {
  local id=$1 i=0 email status session
  while [ ! -f "$work/stop" ]; do
    i=$((i + 1))
    email="u$id-$i@nlw.example"
    status=$(curl -sk -m 20 -o "$work/reg.$id" -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$password\",\"name\":\"Load $id\"}" "$url/api/v1/auth/register" || true)
    echo "$email $status" >>"$work/register.log.$id"
    [ "$status" = 201 ] || continue
    status=$(curl -sk -m 20 -o "$work/login.$id" -w '%{http_code}' -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$url/api/v1/auth/login" || true)
    session=$(jq -r '.session_id // "-"' "$work/login.$id" 2>/dev/null || echo -)
    refresh=$(jq -r 'if (.refresh_token // "") == "" then "no-refresh" else "refresh" end' "$work/login.$id" 2>/dev/null || echo -)
    echo "$email $status $session $refresh" >>"$work/login.log.$id"
  done
}
client_pids=()
for c in $(seq "$clients"); do client "$c" & client_pids+=($!); done

echo "no-lost-writes: $clients clients; phases of ${phase}s: steady, Redis killed, Redis back, PostgreSQL killed, PostgreSQL back, steady"
sleep "$phase"
kill -9 "$redis_pid"; wait "$redis_pid" 2>/dev/null || true
sleep "$phase"
start_redis
sleep "$phase"
as_pg "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null
sleep "$phase"
pg_start
sleep "$phase"
touch "$work/stop"
wait "${client_pids[@]}" # each finishes the request it is in and records its answer

cat "$work"/register.log.* >"$work/register.all"
cat "$work"/login.log.* >"$work/login.all" 2>/dev/null || : >"$work/login.all"
psql_q "SELECT email FROM users" | sort >"$work/db-users"
psql_q "SELECT id FROM sessions" | sort >"$work/db-sessions"
psql_q "SELECT s.id, u.email, s.created_at FROM sessions s JOIN users u ON u.id = s.user_id" >"$work/db-sessions-detail"

count() { sed '/^$/d' | wc -l; }
acked=$(awk '$2 == 201 {print $1}' "$work/register.all" | sort)
refused=$(awk '$2 != 201 && $2 != "000" {print $1}' "$work/register.all" | sort)
ambiguous=$(awk '$2 == "000"' "$work/register.all" | wc -l)
lost_users=$(comm -23 <(echo "$acked" | sed '/^$/d') "$work/db-users" | wc -l)
leaked_users=$(comm -12 <(echo "$refused" | sed '/^$/d') "$work/db-users" | wc -l)
sessions_ok=$(awk '$2 == 200 {print $3}' "$work/login.all" | sort)
lost_sessions=$(comm -23 <(echo "$sessions_ok" | sed '/^$/d') "$work/db-sessions" | wc -l)
# A refused login must not have created a session: every session belongs to an acknowledged login.
# (a login without any answer may or may not have committed: those are allowed for).
extra_sessions=$(comm -13 <(echo "$sessions_ok" | sed '/^$/d') "$work/db-sessions" | wc -l)
ambiguous_logins=$(awk '$2 == "000"' "$work/login.all" | wc -l)
extra_sessions=$((extra_sessions > ambiguous_logins ? extra_sessions - ambiguous_logins : 0))
# An acknowledged login must have stored its refresh token too.
lost_refresh=$(awk '$2 == 200 && $4 != "refresh"' "$work/login.all" | wc -l)
stored_refresh=$(psql_q "SELECT COUNT(DISTINCT session_id) FROM refresh_tokens")
[ "$stored_refresh" -ge "$(echo "$sessions_ok" | count)" ] || lost_refresh=$((lost_refresh + 1))
printf 'registrations: %d acknowledged, %d refused (%s), %d without an answer\n' \
  "$(echo "$acked" | count)" "$(echo "$refused" | count)" \
  "$(awk '$2 != 201 && $2 != "000" {print $2}' "$work/register.all" | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')" "$ambiguous"
printf 'logins: %d acknowledged, %d refused\n' "$(echo "$sessions_ok" | count)" \
  "$(awk '$2 != 200' "$work/login.all" | wc -l)"
printf 'lost acknowledged writes: %d users, %d sessions, %d refresh tokens; left by refused requests: %d users, %d sessions\n' \
  "$lost_users" "$lost_sessions" "$lost_refresh" "$leaked_users" "$extra_sessions"
[ "$lost_users" -eq 0 ] && [ "$lost_sessions" -eq 0 ] && [ "$lost_refresh" -eq 0 ] && [ "$leaked_users" -eq 0 ] \
  && [ "$extra_sessions" -eq 0 ]
