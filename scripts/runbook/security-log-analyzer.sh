#!/usr/bin/env bash
# Summarises /var/log/auth-service/security.log: events by severity and by type,
# the source IPs behind authentication failures, and every CRITICAL and HIGH
# event on its own line starting with its severity, so the runbook's pipeline
#   ./scripts/security-log-analyzer.sh | grep -E "(CRITICAL|HIGH)" | mail ...
# mails exactly those events (summary lines use lower-case severity names).
# Exit status 1 when the period holds any CRITICAL or HIGH event.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$(readlink -f "$0")")/common.sh"

SINCE=""
LOG_FILE=""
ROTATED=0
TOP=10
usage() {
    cat <<USAGE
Usage: $(basename "$0") [options]
  --log FILE      security log to read (default: LOG_DIR/security.log)
  --since WHEN    only events at or after WHEN: a duration (30m, 24h, 7d) or a
                  date(1) time such as "2026-01-15 10:00" (default: everything)
  --rotated       also read rotated files (security.log.1, security.log.2.gz, ...)
  --top N         how many source IPs and event types to list (default 10)
$COMMON_USAGE
USAGE
}
while [ $# -gt 0 ]; do
    common_option "$@"
    if [ "$SHIFT_BY" -gt 0 ]; then shift "$SHIFT_BY"; continue; fi
    case "$1" in
    --log) [ $# -ge 2 ] || die_usage "--log needs a file"; LOG_FILE=$2; shift 2 ;;
    --since) [ $# -ge 2 ] || die_usage "--since needs a value"; SINCE=$2; shift 2 ;;
    --rotated) ROTATED=1; shift ;;
    --top) [[ ${2-} =~ ^[0-9]+$ ]] || die_usage "--top needs a number"; TOP=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die_usage "unknown option $1 (see --help)" ;;
    esac
done
require_tools jq
LOG_FILE=${LOG_FILE:-$AUTH_LOG_DIR/security.log}
[ -r "$LOG_FILE" ] || die_usage "cannot read $LOG_FILE"

cutoff=""
if [ -n "$SINCE" ]; then
    if [[ $SINCE =~ ^([0-9]+)([smhd])$ ]]; then
        unit=${BASH_REMATCH[2]}
        case "$unit" in s) word=seconds ;; m) word=minutes ;; h) word=hours ;; d) word=days ;; esac
        cutoff=$(date -u -d "-${BASH_REMATCH[1]} $word" +%Y-%m-%dT%H:%M:%S) || die_usage "bad --since"
    else
        cutoff=$(date -u -d "$SINCE" +%Y-%m-%dT%H:%M:%S 2>/dev/null) || die_usage "--since: cannot read '$SINCE' as a time"
    fi
fi

# Oldest first, so events come out in time order.
read_logs() {
    local f dir base
    dir=$(dirname "$LOG_FILE")
    base=$(basename "$LOG_FILE")
    if [ "$ROTATED" = 1 ]; then
        # security.log.30.gz ... security.log.1: the generation number sorts them.
        while IFS= read -r f; do
            case "$f" in *.gz) zcat -- "$dir/$f" ;; *) cat -- "$dir/$f" ;; esac
        done < <(find "$dir" -maxdepth 1 -name "$base.[0-9]*" -printf '%f\n' \
            | awk -v n="${#base}" '{ print substr($0, n + 2) + 0, $0 }' | sort -k1,1nr | cut -d' ' -f2-)
    fi
    cat -- "$LOG_FILE"
}

events="$AUTH_WORK_DIR/events.json"
# One JSON object per line; a line that is not JSON is counted, not trusted.
read_logs | jq -cR --arg cutoff "$cutoff" '
    (fromjson? // {"_malformed": true})
    | if type != "object" then {"_malformed": true} else . end
    | select(._malformed or $cutoff == "" or ((.timestamp // "") >= $cutoff))' >"$events"

total=$(jq -s '[.[] | select(._malformed | not)] | length' "$events")
malformed=$(jq -s '[.[] | select(._malformed)] | length' "$events")
echo "security log summary: $LOG_FILE${cutoff:+ since ${cutoff}Z}"
if [ "$malformed" -gt 0 ]; then
    echo "events: $total (lines that are not JSON events: $malformed)"
else
    echo "events: $total"
fi
echo
echo "by severity:"
jq -rs '[.[] | select(._malformed | not) | (.severity // "unknown")] as $s
    | ["CRITICAL","HIGH","MEDIUM","LOW","INFO"] as $order
    | ($order + ($s - $order | unique))[] as $name
    | "  \($name | ascii_downcase): \([$s[] | select(. == $name)] | length)"' "$events"
echo
echo "by event type (top $TOP):"
jq -rs --argjson top "$TOP" '[.[] | select(._malformed | not) | (.event // "unknown")]
    | group_by(.) | map({event: .[0], n: length}) | sort_by(-.n) | .[:$top][]
    | "  \(.n)\t\(.event)"' "$events"
echo
echo "authentication_failure by source_ip (top $TOP):"
jq -rs --argjson top "$TOP" '[.[] | select(.event? == "authentication_failure") | (.source_ip // "unknown")]
    | group_by(.) | map({ip: .[0], n: length}) | sort_by(-.n) | .[:$top][]
    | "  \(.n)\t\(.ip)"' "$events"
echo
echo "critical and high events:"
jq -r 'select(._malformed | not) | select(.severity == "CRITICAL" or .severity == "HIGH")
    | "\(.severity) \(.timestamp // "-") \(.event // "unknown")"
      + (if .source_ip then " source_ip=\(.source_ip)" else "" end)
      + (if .user_id then " user_id=\(.user_id)" else "" end)
      + (if .request_id then " request_id=\(.request_id)" else "" end)
      + (if .details then " details=\(.details | tojson)" else "" end)' "$events" | tee "$AUTH_WORK_DIR/serious"
serious=$(wc -l <"$AUTH_WORK_DIR/serious")
if [ "$serious" -eq 0 ]; then
    echo "  none"
    exit 0
fi
echo
echo "found $serious critical or high events"
exit 1
