#!/usr/bin/env bash
# Functional checks of a running auth-service after an update (runbook:
# "Verify functionality"): health and status shape, JWKS and discovery, refusal
# paths, and, with a test account, the whole login / me / refresh / logout
# cycle. --register creates a fresh throwaway account first (staging and CI;
# production keeps a dedicated test account instead: --email and
# AUTH_TEST_PASSWORD). Exit 1 on findings.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

EMAIL=${AUTH_TEST_EMAIL:-}
PASSWORD=${AUTH_TEST_PASSWORD:-}
REGISTER=0
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --email EMAIL    test account to log in with (password from \$AUTH_TEST_PASSWORD)
  --register       register a new random test account and use it
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --email) [ $# -ge 2 ] || die_usage "--email needs a value"; EMAIL=$2; shift 2 ;;
    --register) REGISTER=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
check_common_settings
require_tools curl jq openssl
require_server

expect() { # expected-status description
    if [ "$STATUS" = "$1" ]; then
        pass "$2 ($STATUS)"
        return 0
    fi
    finding HIGH "$2: expected $1, got $STATUS $(head -c 200 "$BODY_FILE")"
    return 1
}

expect_one_of() { # status-regex severity description
    if [[ $STATUS =~ ^($1)$ ]]; then
        pass "$3 ($STATUS)"
    else
        finding "$2" "$3: got $STATUS"
    fi
}

api GET /health
if expect 200 "GET /health"; then
    if jq -e '(.status == "healthy") and (.service | type == "string") and (.version | type == "string")
              and (.timestamp | type == "string") and (.features | type == "object")' "$BODY_FILE" >/dev/null; then
        pass "health has the runbook's shape and is healthy"
    else
        finding HIGH "health body: $(head -c 300 "$BODY_FILE")"
    fi
fi
api GET /api/v1/status
expect 200 "GET /api/v1/status" || true
api GET /.well-known/jwks.json
if expect 200 "GET /.well-known/jwks.json"; then
    if jq -e '.keys | length > 0 and all(.[]; (.kid | type == "string") and (.kty | type == "string") and (has("d") | not))' \
        "$BODY_FILE" >/dev/null; then
        pass "JWKS publishes $(jq '.keys | length' "$BODY_FILE") public keys with kid and no private parts"
    else
        finding CRITICAL "JWKS is empty or exposes private key material"
    fi
fi
api GET /.well-known/openid-configuration
if expect 200 "GET /.well-known/openid-configuration"; then
    if jq -e '.issuer and .jwks_uri and .token_endpoint' "$BODY_FILE" >/dev/null; then
        pass "discovery names issuer, jwks_uri and token_endpoint"
    else
        finding HIGH "discovery lacks issuer, jwks_uri or token_endpoint"
    fi
fi
api POST /api/v1/auth/login --json '{"email":'
expect 400 "malformed JSON is refused" || true
api POST /api/v1/auth/login --header 'Content-Type: text/plain'
expect_one_of '400|415' MEDIUM "login without a JSON body is refused"
api GET /admin/users
expect_one_of '401|403' CRITICAL "the admin API refuses anonymous callers"

if [ "$REGISTER" = 1 ]; then
    EMAIL="integration-$(date +%s)-$(openssl rand -hex 4)@example.org"
    PASSWORD="It-$(openssl rand -hex 12)-Ok"
    api POST /api/v1/auth/register --json "$(jq -cn --arg e "$EMAIL" --arg p "$PASSWORD" '{email:$e,password:$p,name:"Integration Test"}')"
    expect 201 "register $EMAIL" || true
fi
if [ -n "$EMAIL" ] && [ -n "$PASSWORD" ]; then
    api POST /api/v1/auth/login --json "$(jq -cn --arg e "$EMAIL" --arg p "$PASSWORD" '{email:$e,password:$p}')"
    if expect 200 "login as $EMAIL" && jq -e .access_token "$BODY_FILE" >/dev/null; then
        access=$(jq -r .access_token "$BODY_FILE")
        refresh=$(jq -r .refresh_token "$BODY_FILE")
        api GET /api/v1/auth/me --token "$access"
        expect 200 "GET /api/v1/auth/me with the new token" || true
        api POST /api/v1/auth/refresh --json "$(jq -cn --arg r "$refresh" '{refresh_token:$r}')"
        if expect 200 "refresh"; then
            access=$(jq -r .access_token "$BODY_FILE")
        fi
        api POST /api/v1/auth/logout --token "$access"
        expect_one_of '200|204' HIGH "logout"
        api GET /api/v1/auth/me --token "$access"
        expect 401 "the token is refused after logout" || true
        # Last: a reused refresh token revokes its whole family and raises a HIGH
        # refresh_token_reuse event, so only with a throwaway account (--register).
        if [ "$REGISTER" = 1 ]; then
            api POST /api/v1/auth/refresh --json "$(jq -cn --arg r "$refresh" '{refresh_token:$r}')"
            expect 401 "the used refresh token is refused" || true
        fi
    elif jq -e .mfa_required "$BODY_FILE" >/dev/null 2>&1; then
        info "$EMAIL needs MFA: session checks skipped"
    fi
    api POST /api/v1/auth/login --json "$(jq -cn --arg e "$EMAIL" '{email:$e,password:"definitely-wrong-password"}')"
    expect 401 "a wrong password is refused" || true
else
    info "no test account (--email with AUTH_TEST_PASSWORD, or --register): session cycle skipped"
fi
if [ -n "$AUTH_ADMIN_TOKEN" ]; then
    api GET /admin/keys --admin
    expect 200 "GET /admin/keys with the admin token" || true
fi
finish
