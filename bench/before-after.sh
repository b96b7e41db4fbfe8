#!/usr/bin/env bash
# Two revisions side by side on one machine: (a) the 1,000,000-row CSV upload, timed as
# upload-bench.sh times it (a job, from sending the body to the job's end, heap capped at 256 MB,
# -XX:+UseParallelGC, after a warm-up upload), and (b) query (a) of query-bench.sh, one series of
# a random area, with wrk for DURATION s after WARMUP s of warm-up. Each revision has a database of
# its own (its own migrations) holding the same published rows for (b). One app runs at a time;
# over ROUNDS rounds the order alternates (odd rounds BEFORE first, even rounds AFTER first), so
# that a machine growing busier or quieter weighs on both. Prints each run's figures, the medians
# and AFTER / BEFORE, with the app's CPU time per unit of work (the upload; a 2xx query answer),
# which a busy machine distorts far less than elapsed time and throughput.
#
#   bench/before-after.sh BEFORE_REV AFTER_REV     (as root; PostgreSQL 15, wrk, python3)
#
# Environment (defaults): ROWS (1000000), ROUNDS (3), WARM_ROWS (100000), DURATION (30), WARMUP
# (90: on 2 cores the app needs 75-120 s of load to reach its steady state), CONNECTIONS (32),
# THREADS (2), HEAP (256m), JVM_OPTS (-XX:+UseParallelGC), JAVA_EXTRA, PORT (8094), MGMT_PORT
# (9004), WORK_DIR (/tmp/coopstats-before-after), SKIP_BUILD (0; 1 reuses the copies packaged in
# WORK_DIR), TX_TIMEOUT (3600s: publishing a million rows takes longer than the default 60 s).
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE_REV AFTER_REV" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-3}
WARM_ROWS=${WARM_ROWS:-100000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-90}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC} # the README's; JVM_OPTS= for the JVM's defaults (G1)
PORT=${PORT:-8094}
MGMT_PORT=${MGMT_PORT:-9004}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-before-after}
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
need_wrk
ports_free "$PORT" "$MGMT_PORT"
declare -A REV
REV[before]=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
REV[after]=$(git -C "$REPO" rev-parse --verify "$2^{commit}")
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
: >"$FIGURES"

for side in before after; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $side (${REV[$side]}) in $WORK_DIR/$side"
    package_rev "$REPO" "${REV[$side]}" "$WORK_DIR/$side" -o
  fi
done

log "generating about $ROWS rows"
bench_rows "$WORK_DIR/data" "$ROWS"
head -n $((WARM_ROWS + 1)) "$CSV" >"$WORK_DIR/data/warm-up.csv"
log "$N rows, $(du -h "$CSV" | cut -f1) in $CSV"

pg_ready postgres
for side in before after; do fresh_db "coopstats_ba_$side"; done
trap stop_app EXIT

# run_app SIDE: starts SIDE's packaged app on SIDE's database.
run_app() {
  export PGDATABASE=coopstats_ba_$1
  # shellcheck disable=SC2086 # JVM_OPTS and JAVA_EXTRA hold several options
  start_app "$WORK_DIR/$1/target/quarkus-app/quarkus-run.jar" "$PGDATABASE" "$PORT" "$MGMT_PORT" \
    "$WORK_DIR/app-$1.log" -Xmx$HEAP $JVM_OPTS ${JAVA_EXTRA:-}
}

# upload_into_new DATASET_TITLE FILE: uploads FILE (a job) into a new dataset; sets DS, UPLOAD_S
# and STATUS (see timed_upload).
upload_into_new() {
  DS=$(new_dataset "$1")
  timed_upload "$DS" "$2"
  [ "$STATUS" = SUCCEEDED ] || log "WARNING: the upload into dataset $DS ended $STATUS"
}

# The rows for the query, published once per database; the timed uploads are deleted after each run.
for side in before after; do
  log "$side: publishing the $N rows the query reads"
  run_app $side
  new_provider BENCH
  upload_into_new "Query data" "$CSV"
  curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
  settle observation
  if [ $side = before ]; then
    AREAS=$(published_areas)
    write_series_lua "$WORK_DIR/series.lua" "$AREAS"
    log "query (a) over $(echo "$AREAS" | grep -c .) areas"
  fi
  stop_app
done

# one_run SIDE ROUND: a fresh app; a warm-up upload, the timed upload, the query; one line of
# figures in FIGURES: side, round, upload s, job status, req/s, p50 ms, p99 ms, errors, load.
one_run() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg) # the machine's load before the run: others' work shows here
  run_app "$1"
  upload_into_new Warm-up "$WORK_DIR/data/warm-up.csv"
  curl -sf -u "$AUTH" -X DELETE "$B/datasets/$DS" || log "could not delete dataset $DS"
  settle observation_draft
  local cpu0 cpu1
  cpu0=$(cpu_of "$APP")
  upload_into_new "Timed upload, round $2" "$CSV"
  cpu1=$(cpu_of "$APP")
  local upload=$UPLOAD_S status=$STATUS upload_cpu
  upload_cpu=$(python3 -c "print(round($cpu1 - $cpu0, 2))")
  curl -sf -u "$AUTH" -X DELETE "$B/datasets/$DS" || log "could not delete dataset $DS"
  settle observation_draft
  local out="$WORK_DIR/wrk-$1-$2.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$WORK_DIR/series.lua" \
    "http://localhost:$PORT" >/dev/null
  cpu0=$(cpu_of "$APP")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency \
    -s "$WORK_DIR/series.lua" "http://localhost:$PORT" >"$out"
  cpu1=$(cpu_of "$APP")
  stop_app
  echo "$1 $2 $upload $status $(wrk_figures "$out") $load $upload_cpu $(cpu_per_ok "$out" "$cpu0" "$cpu1")" |
    tee -a "$FIGURES"
}

# cpu_per_ok WRK_OUTPUT CPU0 CPU1: the app's CPU milliseconds per 2xx answer over the wrk run. CPU
# per unit of work is far less sensitive than throughput to what else the machine runs.
cpu_per_ok() {
  awk -v cpu="$(python3 -c "print($3 - $2)")" '
    $2 == "requests" && $3 == "in" { total = $1 }
    /Non-2xx or 3xx responses:/ { errors = $NF }
    END { ok = total - errors; printf "%.4f", (ok > 0 ? cpu * 1000 / ok : 0) }' "$1"
}

log "$ROUNDS rounds: upload of $N rows, then query (a) for ${DURATION}s after ${WARMUP}s"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="before after"; else order="after before"; fi
  for side in $order; do
    log "round $r: $side"
    one_run "$side" "$r"
  done
done

python3 - "$FIGURES" "${REV[before]}" "${REV[after]}" "$N" "$DURATION" "$CONNECTIONS" <<'PY'
import statistics, sys
figures, before, after, rows, duration, connections = sys.argv[1:7]
runs = [line.split() for line in open(figures) if line.strip()]
def values(side, column):
    return [float(r[column]) for r in runs if r[0] == side]
print()
print("BEFORE %s, AFTER %s; upload of %s rows; query (a) for %s s, %s connections" % (before[:12], after[:12], rows, duration, connections))
print()
print("| run | round | upload s | upload app CPU s | job | query req/s | p50 ms | p99 ms | non-2xx | app CPU ms per 2xx | load before |")
print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
for r in runs:
    print("| %s | %s | %.2f | %.2f | %s | %.1f | %.2f | %.2f | %s | %.4f | %s |" % (r[0], r[1], float(r[2]), float(r[9]), r[3], float(r[4]), float(r[5]), float(r[6]), r[7], float(r[10]), r[8]))
print()
print("| median | BEFORE | AFTER | AFTER / BEFORE |")
print("|---|---:|---:|---:|")
for label, column in (("upload s (lower is better)", 2), ("upload app CPU s (lower is better)", 9), ("query req/s (higher is better)", 4), ("query p99 ms (lower is better)", 6), ("query app CPU ms per 2xx (lower is better)", 10)):
    b, a = statistics.median(values("before", column)), statistics.median(values("after", column))
    print("| %s | %.2f | %.2f | %.3f |" % (label, b, a, a / b if b else float("nan")))
PY
echo "raw outputs in $WORK_DIR"
