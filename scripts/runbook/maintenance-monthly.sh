#!/usr/bin/env bash
# The runbook's monthly tasks: pending updates of auth-service's dependencies
# (the Debian counterpart of cargo audit / cargo outdated), inactive accounts,
# compliance frameworks and violations, weak passwords, encryption status, and
# the performance review. Exit 1 on findings, 4 when a route is not served yet.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

INACTIVE_DAYS=30
PERF_ARGS=()
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --inactive-days N   accounts without a login for N days are listed (default 30)
  --perf-duration S   seconds per endpoint for performance-analysis.sh (default 10)
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --inactive-days) [[ ${2-} =~ ^[0-9]+$ ]] || die_usage "--inactive-days needs a number"; INACTIVE_DAYS=$2; shift 2 ;;
    --perf-duration) [[ ${2-} =~ ^[1-9][0-9]*$ ]] || die_usage "--perf-duration needs seconds"; PERF_ARGS=(--duration "$2"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
check_common_settings
require_tools curl jq
here=$(dirname "$(readlink -f "$0")")
require_server

# Dependencies (runbook: cargo audit; cargo outdated): pending Debian updates of
# the packages auth-service depends on, security updates first.
if command -v apt-get >/dev/null 2>&1 && dpkg-query -W auth-service >/dev/null 2>&1; then
    deps=$(dpkg-query -W -f='${Depends}' auth-service | sed 's/[,|]/\n/g' | sed 's/^ *//; s/[ (].*//' | sort -u)
    apt-get -s -o Debug::NoLocking=1 upgrade 2>/dev/null | awk '/^Inst / { print $2, $0 }' >"$AUTH_WORK_DIR/upgrades" || true
    pending=$(grep -Fwf <(printf '%s\n' "$deps" auth-service) "$AUTH_WORK_DIR/upgrades" || true)
    if printf '%s' "$pending" | grep -q -- '-security'; then
        finding HIGH "security updates pending for: $(printf '%s\n' "$pending" | grep -- '-security' | cut -d' ' -f1 | tr '\n' ' ')"
    elif [ -n "$pending" ]; then
        info "updates pending (not security): $(printf '%s\n' "$pending" | cut -d' ' -f1 | tr '\n' ' ')"
        pass "no pending security updates of auth-service's dependencies"
    else
        pass "auth-service's dependencies are up to date (as of the last apt-get update)"
    fi
else
    info "auth-service is not installed from its package here: dependency check skipped"
fi

# Review user accounts (runbook: jq '.users[] | select(.last_login < (now - 86400*30))')
if ops_call GET /admin/users/inactive "inactive accounts" --admin; then
    jq --argjson days "$INACTIVE_DAYS" '[.users[] | select((.last_login // 0) < (now - 86400 * $days))]' \
        "$BODY_FILE" >"$AUTH_WORK_DIR/inactive"
    count=$(jq length "$AUTH_WORK_DIR/inactive")
    if [ "$count" -gt 0 ]; then
        finding LOW "$count accounts without a login for $INACTIVE_DAYS days: review and lock them"
        jq -r '.[] | "      \(.email // .id) last_login=\(.last_login // "never")"' "$AUTH_WORK_DIR/inactive" | head -n 50
    else
        pass "no accounts inactive for $INACTIVE_DAYS days"
    fi
fi

# Compliance framework checks (runbook: jq '.frameworks')
if ops_call GET /compliance/summary "compliance summary" --admin; then
    jq -r '.frameworks | (if type == "array" then .[] else to_entries[] | .value + {name: .key} end)
        | "      \(.name // .id): \(.passed // "?") passed, \(.failed // "?") failed"' "$BODY_FILE" 2>/dev/null || true
    failed=$(jq '[.frameworks | (if type == "array" then .[] else .[] end) | (.failed // 0) | if type == "array" then length else . end] | add // 0' "$BODY_FILE" 2>/dev/null || echo 0)
    if [ "$failed" -gt 0 ]; then finding MEDIUM "compliance: $failed failed checks"; else pass "compliance: every framework check passes"; fi
fi
if ops_call GET /compliance/violations "compliance violations" --admin; then
    critical=$(jq '(.critical_violations // []) | length' "$BODY_FILE")
    high=$(jq '(.high_violations // []) | length' "$BODY_FILE")
    if [ "$critical" -gt 0 ]; then
        finding CRITICAL "compliance: $critical critical violations"
        jq -r '.critical_violations[] | "      \(.framework // "") \(.control // ""): \(.description // .found // .title // .)"' "$BODY_FILE"
    fi
    if [ "$high" -gt 0 ]; then finding HIGH "compliance: $high high-severity violations"; fi
    if [ "$critical" -eq 0 ] && [ "$high" -eq 0 ]; then pass "compliance: no critical or high violations"; fi
fi

# Weak passwords and encryption (runbook's automated security validation)
if ops_call GET /admin/security/weak-passwords "weak passwords" --admin; then
    weak=$(jq '[.weak_passwords[] | select(.strength < 60)] | length' "$BODY_FILE")
    if [ "$weak" -gt 0 ]; then finding MEDIUM "$weak accounts have weak passwords (strength < 60)"; else pass "no weak passwords"; fi
fi
if ops_call GET /admin/security/encryption-status "encryption status" --admin; then
    if [ "$(jq -r '.encryption_enabled' "$BODY_FILE")" = true ]; then pass "encryption enabled"; else finding HIGH "encryption_enabled is not true"; fi
fi

# Performance optimization review (runbook: ./scripts/performance-analysis.sh)
set +e
"$here/performance-analysis.sh" --url "$AUTH_URL" ${AUTH_CA_FILE:+--ca "$AUTH_CA_FILE"} "${PERF_ARGS[@]}" \
    "$([ "$AUTH_INSECURE" = 1 ] && echo --insecure || echo --quiet)" >"$AUTH_WORK_DIR/perf" 2>&1
rc=$?
set -e
sed 's/^/      /' "$AUTH_WORK_DIR/perf"
if [ "$rc" = 0 ]; then pass "performance within targets"; else finding MEDIUM "performance-analysis.sh exited $rc"; fi
finish
