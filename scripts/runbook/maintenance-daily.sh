#!/usr/bin/env bash
# The runbook's daily tasks: service health, errors in application.log, disk
# usage of the log directory, today's backup (optionally made here first), and
# the CRITICAL/HIGH security events of the last 24 hours. Exit 1 on findings.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

BACKUP_DIR=${BACKUP_DIR:-/backup/auth-service}
RUN_BACKUP=0
CONFIG=""
MAX_DISK_PERCENT=85
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --backup-dir DIR      where daily backups live (default /backup/auth-service)
  --run-backup          first run 'auth-service backup --out DIR/YYYYmmdd-HHMMSS'
  --config FILE         auth-service configuration for --run-backup
  --max-disk-percent N  log file system use above N% is a finding (default 85)
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --backup-dir) [ $# -ge 2 ] || die_usage "--backup-dir needs a directory"; BACKUP_DIR=$2; shift 2 ;;
    --run-backup) RUN_BACKUP=1; shift ;;
    --config) [ $# -ge 2 ] || die_usage "--config needs a file"; CONFIG=$2; shift 2 ;;
    --max-disk-percent) [[ ${2-} =~ ^[0-9]+$ ]] || die_usage "--max-disk-percent needs a number"; MAX_DISK_PERCENT=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
check_common_settings
require_tools curl jq df sha256sum
here=$(dirname "$(readlink -f "$0")")

# Service health (runbook: curl -s http://localhost:3000/health | jq '.status')
api GET /health
if [ "$STATUS" = 000 ]; then
    finding CRITICAL "health: $AUTH_URL is unreachable"
else
    status=$(jq -r '.status // "unknown"' "$BODY_FILE" 2>/dev/null || echo unreadable)
    if [ "$status" = healthy ]; then
        pass "health: healthy"
    else
        finding HIGH "health: $status $(jq -c '.reasons // empty' "$BODY_FILE" 2>/dev/null || true)"
    fi
fi

# Errors in application.log during the last 24 hours (runbook: grep -i error ... | tail -10)
app_log="$AUTH_LOG_DIR/application.log"
if [ -r "$app_log" ]; then
    cutoff=$(date -u -d '-24 hours' +%Y-%m-%dT%H:%M:%S)
    jq -cR --arg cutoff "$cutoff" 'fromjson? | select(type == "object" and .level == "error" and (.timestamp // "") >= $cutoff)' \
        "$app_log" >"$AUTH_WORK_DIR/errors" || true
    errors=$(wc -l <"$AUTH_WORK_DIR/errors")
    if [ "$errors" -gt 0 ]; then
        finding MEDIUM "application.log: $errors error lines in the last 24 hours; the last ones:"
        tail -n 10 "$AUTH_WORK_DIR/errors" | jq -r '"      \(.timestamp) \(.category): \(.message)"'
    else
        pass "application.log: no error lines in the last 24 hours"
    fi
else
    finding MEDIUM "cannot read $app_log (run as root or as the auth-service user, or pass --log-dir)"
fi

# Disk usage (runbook: df -h /var/log/auth-service/)
if [ -d "$AUTH_LOG_DIR" ]; then
    used=$(df -P "$AUTH_LOG_DIR" | awk 'NR == 2 { sub("%", "", $5); print $5 }')
    if [ "$used" -ge "$MAX_DISK_PERCENT" ]; then
        finding HIGH "disk: the file system of $AUTH_LOG_DIR is ${used}% full"
    else
        pass "disk: $AUTH_LOG_DIR file system ${used}% used"
    fi
fi

# Backup completion (runbook: ls -la /backup/auth-service/$(date +%Y%m%d)*)
if [ "$RUN_BACKUP" = 1 ]; then
    require_tools auth-service
    target="$BACKUP_DIR/$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$BACKUP_DIR"
    if auth-service backup --out "$target" ${CONFIG:+--config "$CONFIG"}; then
        pass "backup: written to $target"
    else
        finding CRITICAL "backup: 'auth-service backup --out $target' failed"
    fi
fi
today=$({ find "$BACKUP_DIR" -maxdepth 1 -mindepth 1 -type d -name "$(date +%Y%m%d)*" 2>/dev/null || true; } | sort | tail -n 1)
if [ -z "$today" ]; then
    finding HIGH "backup: no backup for today under $BACKUP_DIR"
elif [ ! -r "$today/MANIFEST.json" ]; then
    finding HIGH "backup: $today has no readable MANIFEST.json (incomplete?)"
else
    bad=0
    while read -r name sum; do
        if [ "$(sha256sum "$today/$name" 2>/dev/null | cut -d' ' -f1)" != "$sum" ]; then
            bad=1
            finding HIGH "backup: $today/$name does not match its SHA-256 in MANIFEST.json"
        fi
    done < <(jq -r '.files[] | "\(.name) \(.sha256)"' "$today/MANIFEST.json")
    [ "$bad" = 1 ] || pass "backup: $today verified against its manifest ($(jq -r '.backend' "$today/MANIFEST.json"), schema $(jq -r '.schema_version' "$today/MANIFEST.json"))"
fi

# Security events of the last day
if [ -r "$AUTH_LOG_DIR/security.log" ]; then
    if "$here/security-log-analyzer.sh" --log "$AUTH_LOG_DIR/security.log" --since 24h >"$AUTH_WORK_DIR/analysis"; then
        pass "security.log: no CRITICAL or HIGH events in the last 24 hours"
    else
        finding HIGH "security.log: CRITICAL or HIGH events in the last 24 hours:"
        grep -E '^(CRITICAL|HIGH) ' "$AUTH_WORK_DIR/analysis" | tail -n 20 | sed 's/^/      /'
    fi
fi
finish
