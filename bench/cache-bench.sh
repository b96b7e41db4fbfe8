#!/usr/bin/env bash
# The response cache (issue #14, item 2) measured: query (a) of query-bench.sh (one series of a
# random area, wrk) on two revisions side by side, one app at a time on the same database (the
# schema is the same), alternating over ROUNDS rounds, and pgbench on the SQL of that query in the
# same run. Prints each run's req/s, p50, p99, the ratio to pgbench and, for a revision with the
# cache, its hit ratio during the measurement (from /q/metrics).
#
#   bench/cache-bench.sh BEFORE_REV AFTER_REV     (as root; PostgreSQL 15, wrk, pgbench, python3)
#
# Environment (defaults): ROWS (500000), ROUNDS (2), DURATION (30), WARMUP (60), CONNECTIONS (32),
# THREADS (2), HEAP (256m), JVM_OPTS (-XX:+UseParallelGC), PORT (8140), MGMT_PORT (9140),
# WORK_DIR (/tmp/coopstats-cache-bench), SKIP_BUILD (0), PGBENCH.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE_REV AFTER_REV" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-500000}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
PORT=${PORT:-8140}
MGMT_PORT=${MGMT_PORT:-9140}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-cache-bench}
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
DB=coopstats_cache_bench
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
need_wrk
ports_free "$PORT" "$MGMT_PORT"
declare -A REV
REV[before]=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
REV[after]=$(git -C "$REPO" rev-parse --verify "$2^{commit}")
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
: >"$FIGURES"
echo "uptime before: $(uptime)"

for side in before after; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $side (${REV[$side]}) in $WORK_DIR/$side"
    package_rev "$REPO" "${REV[$side]}" "$WORK_DIR/$side" -o
  fi
done

run_app() {
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  start_app "$WORK_DIR/$1/target/quarkus-app/quarkus-run.jar" "$DB" "$PORT" "$MGMT_PORT" \
    "$WORK_DIR/app-$1.log" -Xmx$HEAP $JVM_OPTS
}

log "generating about $ROWS rows"
bench_rows "$WORK_DIR/data" "$ROWS"
pg_ready "$DB"
fresh_db "$DB"
trap stop_app EXIT
log "publishing $N rows (with the before app: its migrations make the schema)"
run_app before
new_provider BENCH
DS=$(new_dataset "Query data")
timed_upload "$DS" "$CSV"
[ "$STATUS" = SUCCEEDED ] || { log "the upload ended $STATUS"; exit 1; }
curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
settle observation
stop_app
AREAS=$(published_areas)
N_AREAS=$(echo "$AREAS" | grep -c .)
write_series_lua "$WORK_DIR/series.lua" "$AREAS"
log "query (a) over $N_AREAS areas"

# The SQL of query (a) as ObservationReader runs it (see query-bench.sh): the page, one statement.
NOW="'$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)'::timestamptz"
cat >"$WORK_DIR/series.sql" <<EOF
\set i random(1, $N_AREAS)
SELECT o.dataset_id, d.provider_id, o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.time_period, o.obs_value, o.obs_status, o.conf_status, o.unit_measure, o.unit_mult, o.comment_obs, o.valid_from, o.valid_to, NULL FROM observation o JOIN dataset d ON d.id = o.dataset_id WHERE true AND o.valid_from <= $NOW AND (o.valid_to IS NULL OR o.valid_to > $NOW) AND o.ref_area = ('{$(echo "$AREAS" | paste -sd, -)}'::text[])[:i] AND o.measure = 'COOPS' AND o.coop_type = '_T' AND o.coop_level = '_T' AND o.activity = '_T' AND o.sex = '_Z' AND o.member_kind = '_Z' AND o.work_cat = '_Z' ORDER BY o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.period_start, o.time_period, o.dataset_id, o.valid_from LIMIT 100 OFFSET 0;
EOF

# The cache's counters, "hits misses" (0 0 for a revision without them).
cache_counts() {
  curl -sf "localhost:$MGMT_PORT/q/metrics" | awk '
    /^coopstats_response_cache_requests_total\{.*result="hit"/ { h = $NF }
    /^coopstats_response_cache_requests_total\{.*result="miss"/ { m = $NF }
    END { printf "%d %d\n", h, m }'
}

pgbench_run() {
  "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$WORK_DIR/series.sql" \
    >"$WORK_DIR/pgbench-$1.out" 2>&1
  local tps
  tps=$(awk '/^tps/ {print $3; exit}' "$WORK_DIR/pgbench-$1.out")
  echo "pgbench $1 $tps 0 0 0 - $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$FIGURES"
}

one_run() {
  local load h0 m0 h1 m1 out="$WORK_DIR/wrk-$1-$2.txt"
  load=$(cut -d' ' -f1 /proc/loadavg)
  run_app "$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$WORK_DIR/series.lua" \
    "http://localhost:$PORT" >/dev/null
  read -r h0 m0 <<<"$(cache_counts)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
    -s "$WORK_DIR/series.lua" "http://localhost:$PORT" >"$out"
  read -r h1 m1 <<<"$(cache_counts)"
  stop_app
  local ratio=-
  if [ $((h1 + m1 - h0 - m0)) -gt 0 ]; then
    ratio=$(python3 -c "print('%.4f' % (($h1 - $h0) / ($h1 + $m1 - $h0 - $m0)))")
  fi
  echo "$1 $2 $(wrk_figures "$out") $ratio $load" | tee -a "$FIGURES"
}

log "$ROUNDS rounds of query (a): ${WARMUP}s warm-up, ${DURATION}s measured, $CONNECTIONS connections"
for r in $(seq 1 "$ROUNDS"); do
  pgbench_run "$r"
  if [ $((r % 2)) = 1 ]; then order="before after"; else order="after before"; fi
  for side in $order; do
    log "round $r: $side"
    one_run "$side" "$r"
  done
done
echo "uptime after: $(uptime)"

python3 - "$FIGURES" "${REV[before]}" "${REV[after]}" "$N" "$DURATION" "$CONNECTIONS" <<'PY'
import statistics, sys
figures, before, after, rows, duration, connections = sys.argv[1:7]
runs = [line.split() for line in open(figures) if line.strip()]
pg = statistics.median(float(r[2]) for r in runs if r[0] == "pgbench")
print()
print("BEFORE %s, AFTER %s; %s published rows; query (a) %s s, %s connections" % (before[:12], after[:12], rows, duration, connections))
print()
print("| run | round | req/s | p50 ms | p99 ms | errors | hit ratio | / pgbench (median %.0f tps) | load before |" % pg)
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in runs:
    if r[0] == "pgbench":
        print("| pgbench | %s | %.0f tps | | | | | | %s |" % (r[1], float(r[2]), r[7]))
    else:
        print("| %s | %s | %.1f | %.2f | %.2f | %s | %s | %.0f %% | %s |" % (r[0], r[1], float(r[2]), float(r[3]), float(r[4]), r[5], r[6], 100 * float(r[2]) / pg, r[7]))
print()
print("| median | BEFORE | AFTER | AFTER / BEFORE |")
print("|---|---:|---:|---:|")
for label, column in (("req/s", 2), ("p50 ms", 3), ("p99 ms", 4)):
    b = statistics.median(float(r[column]) for r in runs if r[0] == "before")
    a = statistics.median(float(r[column]) for r in runs if r[0] == "after")
    print("| %s | %.2f | %.2f | %.3f |" % (label, b, a, a / b if b else float("nan")))
PY
echo "raw outputs in $WORK_DIR"
