#!/usr/bin/env bash
# Paging and totals (issue #14 item 1), two revisions side by side on one database of ~1.5 M
# published rows: for each request below, wrk at CONNECTIONS connections for DURATION s (after a
# first WARMUP s of query (a) per app and STEP_WARMUP s of the request itself), giving req/s, p50,
# p99 per revision and AFTER / BEFORE. The X-Total-Count of each request is printed per revision
# too: both must agree.
#
#   (a)      one series of a random area (query-bench.sh's (a))
#   area     ?REF_AREA=CAN
#   measure  ?MEASURE=COOPS
#   all      no filter
#   deep     ?offset=100000
#   csv      ?REF_AREA=CAN&format=csv&limit=10000
#
#   bench/paging-bench.sh BEFORE_REV AFTER_REV     (as root; PostgreSQL 15, wrk, python3)
#
# Both revisions must have the same migrations (they share the database; the script refuses
# otherwise). One app runs at a time, BEFORE first.
#
# Environment (defaults): ROWS (1540000: all of generate.py's rows), DURATION (20), WARMUP (45),
# STEP_WARMUP (5), CONNECTIONS (32), THREADS (2), HEAP (512m), JVM_OPTS (-XX:+UseParallelGC),
# PORT (8110), MGMT_PORT (9110), DB (coopstats_paging), WORK_DIR (/tmp/coopstats-paging-bench),
# SKIP_BUILD (0; 1 reuses the copies packaged in WORK_DIR), SKIP_LOAD (0; 1 reuses DB as loaded),
# TX_TIMEOUT (3600s: publishing 1.5 M rows takes longer than the default 60 s), SUMMARY_ONLY (0; 1
# prints the table again from the figures and wrk outputs in WORK_DIR). req/s counts the 2xx
# answers only: at 32 connections the query bulkhead (15) answers the rest 503 at once.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE_REV AFTER_REV" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-1540000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-45}
STEP_WARMUP=${STEP_WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-512m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
PORT=${PORT:-8110}
MGMT_PORT=${MGMT_PORT:-9110}
DB=${DB:-coopstats_paging}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-paging-bench}
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
need_wrk
ports_free "$PORT" "$MGMT_PORT"
declare -A REV
REV[before]=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
REV[after]=$(git -C "$REPO" rev-parse --verify "$2^{commit}")
migrations() { git -C "$REPO" ls-tree --name-only "$1" src/main/resources/db/migration/ | sort; }
[ "$(migrations "${REV[before]}")" = "$(migrations "${REV[after]}")" ] ||
  { echo "the revisions have different migrations: they cannot share one database" >&2; exit 2; }
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
REQUESTS="(a) area measure all deep csv"
if [ "${SUMMARY_ONLY:-0}" != 1 ]; then
: >"$FIGURES"

for side in before after; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $side (${REV[$side]}) in $WORK_DIR/$side"
    package_rev "$REPO" "${REV[$side]}" "$WORK_DIR/$side" -o
  fi
done

pg_ready "$DB"
trap stop_app EXIT
run_app() {
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  start_app "$WORK_DIR/$1/target/quarkus-app/quarkus-run.jar" "$DB" "$PORT" "$MGMT_PORT" \
    "$WORK_DIR/app-$1.log" -Xmx$HEAP $JVM_OPTS
}

if [ "${SKIP_LOAD:-0}" != 1 ]; then
  log "generating about $ROWS rows"
  bench_rows "$WORK_DIR/data" "$ROWS"
  log "$N rows, $(du -h "$CSV" | cut -f1) in $CSV; loading them with BEFORE's app"
  fresh_db "$DB"
  run_app before
  new_provider BENCH
  DS=$(new_dataset "Paging data")
  timed_upload "$DS" "$CSV"
  [ "$STATUS" = SUCCEEDED ] || { log "the upload ended $STATUS"; exit 1; }
  curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
  stop_app
  settle observation
fi
log "published rows: $(psql -XAtc 'SELECT count(*) FROM observation WHERE valid_to IS NULL')"
AREAS=$(published_areas)
write_series_lua "$WORK_DIR/series.lua" "$AREAS"

declare -A PATHS=(
  [area]="/api/v1/observations?REF_AREA=CAN"
  [measure]="/api/v1/observations?MEASURE=COOPS"
  [all]="/api/v1/observations"
  [deep]="/api/v1/observations?offset=100000"
  [csv]="/api/v1/observations?REF_AREA=CAN&format=csv&limit=10000"
)

# measure SIDE NAME: wrk on request NAME; one line in FIGURES.
measure() {
  local out="$WORK_DIR/wrk-$1-$2.txt" load total
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$2" = "(a)" ]; then
    local args=(-s "$WORK_DIR/series.lua" "http://localhost:$PORT")
    total=series
  else
    local args=("http://localhost:$PORT${PATHS[$2]}")
    total=$(curl -sf -D - -o /dev/null "http://localhost:$PORT${PATHS[$2]}" | tr -d '\r' |
      awk 'tolower($1)=="x-total-count:" {print $2}')
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${STEP_WARMUP}s" --timeout 10s "${args[@]}" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "${args[@]}" >"$out"
  echo "$1 $2 $(wrk_figures "$out") $total $load" | tee -a "$FIGURES"
}

log "uptime before: $(uptime)"
for side in before after; do
  log "$side: warm-up, query (a) for ${WARMUP}s"
  run_app $side
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$WORK_DIR/series.lua" \
    "http://localhost:$PORT" >/dev/null
  for r in $REQUESTS; do measure $side "$r"; done
  end_app # the next app needs the port
done
log "uptime after: $(uptime)"
fi

python3 - "$FIGURES" "${REV[before]}" "${REV[after]}" "$DURATION" "$CONNECTIONS" "$REQUESTS" "$WORK_DIR" <<'PY'
import re, sys
figures, before, after, duration, connections, requests, work_dir = sys.argv[1:8]
runs = {(r[0], r[1]): r for r in (line.split() for line in open(figures) if line.strip())}
def answered(side, name):
    # req/s of 2xx/3xx answers only: the bulkhead's quick 503s would otherwise count as throughput
    text = open("%s/wrk-%s-%s.txt" % (work_dir, side, name)).read()
    done = re.search(r"(\d+) requests in ([\d.]+)(m?s)", text)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    seconds = float(done.group(2)) * (60 if done.group(3) == "m" else 1)
    return (int(done.group(1)) - (int(bad.group(1)) if bad else 0)) / seconds
print()
print("BEFORE %s, AFTER %s; wrk %s s at %s connections per request" % (before[:12], after[:12], duration, connections))
print()
print("| request | X-Total-Count B / A | BEFORE req/s (2xx) | p50 ms | p99 ms | AFTER req/s (2xx) | p50 ms | p99 ms | req/s A/B | p99 A/B | errors B / A |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for name in requests.split():
    b, a = runs[("before", name)], runs[("after", name)]
    ok_b, ok_a = answered("before", name), answered("after", name)
    p99 = float(a[4]) / float(b[4]) if float(b[4]) else float("nan")
    print("| %s | %s / %s | %.1f | %s | %s | %.1f | %s | %s | %.2f | %.2f | %s / %s |" % (
        name, b[6], a[6], ok_b, b[3], b[4], ok_a, a[3], a[4], ok_a / ok_b if ok_b else float("nan"), p99, b[5], a[5]))
PY
echo "raw outputs in $WORK_DIR"
