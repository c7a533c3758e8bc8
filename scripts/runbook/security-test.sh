#!/usr/bin/env bash
# Security checks against a running auth-service, as the runbook runs them before
# and after every update: response headers, TLS protocol versions and ciphers,
# default credentials, rate limiting, and token validation on /api/v1/auth/me.
# Findings print as "FAIL  [SEVERITY] ..." and make the exit status 1.
#
# Note: the default-credential and rate-limit probes are real login attempts
# from this host: they appear in security.log as authentication_failure and
# rate_limit_exceeded, and use up this IP's login budget for about a minute.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

BURST=${BURST:-0}
SKIP_TLS=0
CERT_MIN_DAYS=30
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
Probes an auth-service for the runbook's security checks.
  --burst N           requests sent to test rate limiting (default: RATE_LIMIT_BURST
                      from the server's answer headers, times 3, at least 30)
  --skip-tls          do not probe protocol versions and ciphers with openssl s_client
  --cert-min-days N   a certificate expiring within N days is a finding (default 30)
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --burst) [ $# -ge 2 ] || die_usage "--burst needs a number"; BURST=$2; shift 2 ;;
    --skip-tls) SKIP_TLS=1; shift ;;
    --cert-min-days) [[ ${2-} =~ ^[0-9]+$ ]] || die_usage "--cert-min-days needs a number"; CERT_MIN_DAYS=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
[[ $BURST =~ ^[0-9]+$ ]] || die_usage "--burst must be a number"
check_common_settings
require_tools curl jq openssl base64
require_server

# --- 1. response headers ----------------------------------------------------
header_value() { # name: value of that header in the last response headers file
    grep -i "^$1:" "$AUTH_WORK_DIR/headers" | tail -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//' || true
}
curl_tls_args
curl -sS -o /dev/null -D "$AUTH_WORK_DIR/headers" --max-time "$AUTH_TIMEOUT" "${CURL_TLS[@]}" \
    "$AUTH_URL/health" || true
if [[ $AUTH_URL == https://* ]]; then
    hsts=$(header_value Strict-Transport-Security)
    max_age=$(printf '%s' "$hsts" | grep -o 'max-age=[0-9]*' | cut -d= -f2 || true)
    if [ -z "$hsts" ]; then
        finding HIGH "no Strict-Transport-Security header"
    elif [ "${max_age:-0}" -lt 15552000 ]; then
        finding MEDIUM "Strict-Transport-Security max-age=${max_age:-0} is under 180 days"
    else
        pass "Strict-Transport-Security: $hsts"
    fi
else
    finding HIGH "$AUTH_URL is plain HTTP: credentials and tokens travel unencrypted"
fi
csp=$(header_value Content-Security-Policy)
if [ -z "$csp" ]; then finding HIGH "no Content-Security-Policy header"; else pass "Content-Security-Policy: $csp"; fi
if [ "$(header_value X-Content-Type-Options | tr '[:upper:]' '[:lower:]')" = nosniff ]; then
    pass "X-Content-Type-Options: nosniff"
else
    finding MEDIUM "X-Content-Type-Options is not nosniff"
fi
frame=$(header_value X-Frame-Options | tr '[:lower:]' '[:upper:]')
if [ "$frame" = DENY ] || [ "$frame" = SAMEORIGIN ] || [[ $csp == *frame-ancestors* ]]; then
    pass "framing refused (X-Frame-Options ${frame:-unset}, CSP frame-ancestors)"
else
    finding MEDIUM "no X-Frame-Options or CSP frame-ancestors: clickjacking"
fi
if [ -n "$(header_value Referrer-Policy)" ]; then pass "Referrer-Policy: $(header_value Referrer-Policy)"; else finding LOW "no Referrer-Policy header"; fi
if [[ "$(header_value Cache-Control)" == *no-store* ]]; then pass "Cache-Control: no-store"; else finding MEDIUM "responses may be cached (no Cache-Control: no-store)"; fi
server=$(header_value Server)
if [[ $server =~ [0-9]+\.[0-9]+ ]]; then finding LOW "Server header reveals a version: $server"; else pass "no version in a Server header"; fi

# --- 2. TLS -------------------------------------------------------------------
# The client is told to allow everything (@SECLEVEL=0): a refusal must come from the server.
tls_handshake() { # extra s_client arguments...; succeeds when a handshake completes
    local host port
    host=$(url_host)
    port=$(url_port)
    timeout "$AUTH_TIMEOUT" openssl s_client -connect "$host:$port" -servername "$host" "$@" \
        </dev/null >"$AUTH_WORK_DIR/tls" 2>&1 || return 1
    grep -q '^ *Cipher is [A-Z0-9]' "$AUTH_WORK_DIR/tls" || grep -q 'Cipher *: *[A-Z0-9]' "$AUTH_WORK_DIR/tls"
}
if [[ $AUTH_URL == https://* ]] && [ "$SKIP_TLS" = 0 ]; then
    require_tools timeout
    if tls_handshake -tls1_2; then pass "TLS 1.2 handshake"; elif tls_handshake -tls1_3; then pass "TLS 1.3 handshake"; else finding CRITICAL "no TLS 1.2 or 1.3 handshake completes"; fi
    for version in tls1 tls1_1; do
        if tls_handshake "-$version" -cipher 'ALL:@SECLEVEL=0'; then
            finding HIGH "the server accepts ${version/tls1_1/TLS 1.1} (${version/tls1/TLS 1.0})"
        else
            pass "refuses $version"
        fi
    done
    weak='NULL:eNULL:aNULL:EXPORT:LOW:DES:3DES:RC4:MD5:PSK:SRP:@SECLEVEL=0'
    if tls_handshake -tls1_2 -cipher "$weak"; then
        finding HIGH "the server accepts a weak cipher: $(grep -o 'Cipher is .*' "$AUTH_WORK_DIR/tls" | head -n 1)"
    else
        pass "refuses NULL, anonymous, export, DES, 3DES, RC4 and MD5 ciphers"
    fi
    if tls_handshake -tls1_2 -cipher 'kRSA:@SECLEVEL=0'; then
        finding MEDIUM "the server accepts RSA key exchange (no forward secrecy)"
    else
        pass "forward secrecy: no static-RSA key exchange"
    fi
    host=$(url_host)
    if timeout "$AUTH_TIMEOUT" openssl s_client -connect "$host:$(url_port)" -servername "$host" </dev/null 2>/dev/null \
        | openssl x509 -noout -checkend $((CERT_MIN_DAYS * 86400)) >/dev/null 2>&1; then
        pass "certificate valid for $CERT_MIN_DAYS more days"
    else
        finding HIGH "certificate expires within $CERT_MIN_DAYS days (or could not be read)"
    fi
fi

# --- 3. token checks on /api/v1/auth/me ----------------------------------------
b64url() { base64 -w 0 | tr '+/' '-_' | tr -d '='; }
future=$(($(date +%s) + 3600))
payload=$(printf '{"sub":"security-test","iss":"%s","exp":%d,"iat":%d,"roles":["admin"]}' "$AUTH_URL" "$future" "$(date +%s)" | b64url)
api GET /api/v1/auth/me
if [ "$STATUS" = 401 ]; then pass "no token: 401"; else finding HIGH "no token: /api/v1/auth/me answered $STATUS"; fi
api GET /api/v1/auth/me --token "not.a.token"
if [ "$STATUS" = 401 ]; then pass "garbage token: 401"; else finding HIGH "garbage token: answered $STATUS"; fi
none_token="$(printf '{"alg":"none","typ":"JWT"}' | b64url).$payload."
api GET /api/v1/auth/me --token "$none_token"
if [ "$STATUS" = 401 ]; then pass "alg:none token: 401"; else finding CRITICAL "an alg:none token was answered $STATUS"; fi
# HS256 signed with the public key material as secret: the classic algorithm confusion.
api GET /.well-known/jwks.json
kid=$(jq -r '.keys[0].kid // "x"' "$BODY_FILE" 2>/dev/null || echo x)
hs_header=$(printf '{"alg":"HS256","typ":"JWT","kid":"%s"}' "$kid" | b64url)
hs_sig=$(printf '%s.%s' "$hs_header" "$payload" | openssl dgst -sha256 -hmac "$(cat "$BODY_FILE")" -binary | b64url)
api GET /api/v1/auth/me --token "$hs_header.$payload.$hs_sig"
if [ "$STATUS" = 401 ]; then pass "HS256 token keyed with the JWKS: 401"; else finding CRITICAL "an HS256 algorithm-confusion token was answered $STATUS"; fi
if [ -n "$AUTH_ADMIN_TOKEN" ]; then
    api GET /api/v1/auth/me --admin
    if [ "$STATUS" = 200 ]; then pass "the admin token is accepted"; else info "the admin token was answered $STATUS (expired?)"; fi
    IFS=. read -r t_header t_payload t_sig <<<"$AUTH_ADMIN_TOKEN"
    api GET /api/v1/auth/me --token "$t_header.$payload.$t_sig"
    if [ "$STATUS" = 401 ]; then pass "tampered payload with the original signature: 401"; else finding CRITICAL "a tampered token was answered $STATUS"; fi
    api GET /api/v1/auth/me --token "$t_header.$t_payload.${t_sig%??}AA"
    if [ "$STATUS" = 401 ]; then pass "altered signature: 401"; else finding CRITICAL "a token with an altered signature was answered $STATUS"; fi
else
    info "no admin token: tampered-signature checks of a real token skipped"
fi

# --- 4. default credentials ---------------------------------------------------
# Two guesses per account at most, so a real admin account is never locked out.
default_logins=(
    "admin@auth-service.local:admin" "admin@auth-service.local:password"
    "admin:admin" "admin@example.com:admin" "admin@localhost:admin123"
    "root@localhost:root" "test@test.com:test" "administrator@example.com:changeme"
)
accepted=0
for pair in "${default_logins[@]}"; do
    email=${pair%%:*}
    password=${pair#*:}
    api POST /api/v1/auth/login --json "$(jq -cn --arg e "$email" --arg p "$password" '{email:$e,password:$p}')"
    if [ "$STATUS" = 200 ] && jq -e '.access_token // .mfa_token' "$BODY_FILE" >/dev/null 2>&1; then
        finding CRITICAL "default credentials accepted: $email / (a well-known password)"
        accepted=1
    fi
done
[ "$accepted" = 1 ] || pass "refuses ${#default_logins[@]} well-known default logins"

# --- 5. rate limiting (last: it spends this host's budget) ---------------------
if [ "$BURST" -eq 0 ]; then
    api POST /api/v1/auth/refresh --json '{"refresh_token":"security-test-probe"}'
    limit=$(grep -io '^ratelimit-limit: *[0-9]*' "$AUTH_WORK_DIR/headers" 2>/dev/null | grep -o '[0-9]*$' || true)
    BURST=$(( ${limit:-10} * 3 ))
    [ "$BURST" -ge 30 ] || BURST=30
fi
# One curl, many transfers: `next` resets per-transfer options, so each block carries its own.
config="$AUTH_WORK_DIR/burst.curl"
: >"$config"
for i in $(seq "$BURST"); do
    {
        [ "$i" = 1 ] || echo next
        printf 'url = "%s/api/v1/auth/refresh"\nrequest = "POST"\nheader = "Content-Type: application/json"\n' "$AUTH_URL"
        printf 'data = "{\\"refresh_token\\":\\"security-test-probe\\"}"\noutput = "/dev/null"\n'
        printf 'write-out = "%%{http_code}\\n"\nmax-time = %s\n' "$AUTH_TIMEOUT"
        if [ -n "$AUTH_CA_FILE" ]; then printf 'cacert = "%s"\n' "$AUTH_CA_FILE"; fi
        if [ "$AUTH_INSECURE" = 1 ]; then echo insecure; fi
    } >>"$config"
done
codes=$(curl -sS --parallel --parallel-max 10 --config "$config" 2>/dev/null || true)
limited=$(printf '%s\n' "$codes" | grep -c '^429$' || true)
if [ "$limited" -gt 0 ]; then
    pass "rate limiting: $limited of $BURST rapid requests answered 429"
else
    finding HIGH "rate limiting: none of $BURST rapid requests to /api/v1/auth/refresh was answered 429"
fi

finish
