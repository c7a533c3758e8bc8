#!/usr/bin/env bash
# The runbook's weekly tasks: rotate the logs, reload the threat-intelligence
# lists, run the security tests, and save the security metrics report.
# Exit 1 on findings, 4 when a route is not served by this server version.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

REPORTS_DIR=${REPORTS_DIR:-/reports}
LOGROTATE_CONFIG=/etc/logrotate.d/auth-service
ROTATE=1
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --reports-dir DIR        where security-metrics-YYYYmmdd.json goes (default /reports)
  --logrotate-config FILE  logrotate policy to force (default /etc/logrotate.d/auth-service)
  --no-rotate              skip the forced log rotation
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --reports-dir) [ $# -ge 2 ] || die_usage "--reports-dir needs a directory"; REPORTS_DIR=$2; shift 2 ;;
    --logrotate-config) [ $# -ge 2 ] || die_usage "--logrotate-config needs a file"; LOGROTATE_CONFIG=$2; shift 2 ;;
    --no-rotate) ROTATE=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
check_common_settings
require_tools curl jq
here=$(dirname "$(readlink -f "$0")")
require_server

# Rotate logs (runbook: logrotate -f /etc/logrotate.d/auth-service)
if [ "$ROTATE" = 1 ]; then
    if ! command -v logrotate >/dev/null 2>&1; then
        finding MEDIUM "logrotate is not installed"
    elif logrotate -f "$LOGROTATE_CONFIG"; then
        pass "logs rotated ($LOGROTATE_CONFIG)"
    else
        finding MEDIUM "logrotate -f $LOGROTATE_CONFIG failed"
    fi
fi

# Update threat intelligence feeds (runbook: POST /admin/threat-intel/update)
if ops_call POST /admin/threat-intel/update "threat intelligence" --admin --json '{"reason":"weekly maintenance"}'; then
    pass "threat intelligence reloaded: $(jq -c . "$BODY_FILE" | head -c 300)"
fi

# Security compliance checks (runbook: ./scripts/security-test.sh)
set +e
"$here/security-test.sh" --url "$AUTH_URL" ${AUTH_CA_FILE:+--ca "$AUTH_CA_FILE"} \
    "$([ "$AUTH_INSECURE" = 1 ] && echo --insecure || echo --quiet)" >"$AUTH_WORK_DIR/security-test" 2>&1
rc=$?
set -e
case "$rc" in
0) pass "security-test.sh: no findings" ;;
4) unavailable "security-test.sh: some checks unavailable" ;;
*)
    finding HIGH "security-test.sh exited $rc:"
    grep -E '^FAIL' "$AUTH_WORK_DIR/security-test" | sed 's/^/      /' || true
    ;;
esac

# Security metrics report (runbook: /security/threats/metrics > /reports/security-metrics-DATE.json)
if ops_call GET /security/threats/metrics "security metrics" --admin; then
    mkdir -p "$REPORTS_DIR"
    report="$REPORTS_DIR/security-metrics-$(date +%Y%m%d).json"
    if jq . "$BODY_FILE" >"$report"; then
        pass "security metrics saved to $report"
    else
        finding MEDIUM "security metrics: the answer is not JSON"
    fi
fi
finish
