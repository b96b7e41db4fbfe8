#!/usr/bin/env bash
# The 1,000,000-row upload, timed side by side in one run with psql \copy of the same rows into
# an equivalent plain table, with the app's heap capped at 256 MB.
#
#   bench/upload-bench.sh            (as root, PostgreSQL 15 installed; builds a copy of HEAD)
#
# Environment: ROWS (1000000), BUILD_DIR (/tmp/coopstats-upload-bench), DATA_DIR
# (/tmp/coopstats-upload-data), PORT (8092), HEAP (256m), JVM_OPTS (-XX:+UseParallelGC, as the
# README runs the service), SKIP_BUILD (0), JAVA_EXTRA (more JVM
# options, e.g. -XX:StartFlightRecording=filename=/tmp/upload.jfr), COLD (1: no warm-up upload),
# ROUNDS (3: timed uploads, each beside its own psql \copy), WARM_ROWS (100000: rows of the
# warm-up upload), WARM_PAUSE (0: seconds of quiet after the warm-up).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
ROWS=${ROWS:-1000000}
WARM_ROWS=${WARM_ROWS:-100000}
BUILD_DIR=${BUILD_DIR:-/tmp/coopstats-upload-bench}
DATA_DIR=${DATA_DIR:-/tmp/coopstats-upload-data}
PORT=${PORT:-8092}
HEAP=${HEAP:-256m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC} # the README's; JVM_OPTS= for the JVM's defaults (G1)
DB=coopstats_upload_bench
. "$HERE/lib.sh"

pg_ready $DB
fresh_db $DB

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging HEAD in $BUILD_DIR"
  package_rev "$REPO" HEAD "$BUILD_DIR"
fi

log "generating about $ROWS rows"
bench_rows "$DATA_DIR" "$ROWS"
log "$N rows, $(du -h "$CSV" | cut -f1) in $CSV"

log "starting the app with -Xmx$HEAP $JVM_OPTS"
trap stop_app EXIT
# shellcheck disable=SC2086 # JVM_OPTS and JAVA_EXTRA hold several options
start_app "$BUILD_DIR/target/quarkus-app/quarkus-run.jar" $DB $PORT "${MGMT_PORT:-9000}" \
  /tmp/coopstats-upload-app.log -Xmx$HEAP $JVM_OPTS ${JAVA_EXTRA:-} -Xlog:gc:file=/tmp/coopstats-upload-gc.log
new_provider BENCH

# A server runs warm: one upload of WARM_ROWS (100,000) rows into another dataset first, as a job
# like the timed ones (COLD=1 skips it). It is not enough for the JIT compiler: round 1 still runs
# with it at work (-XX:+PrintCompilation: 17 of the upload's methods reach C2 during the warm-up,
# 55 during round 1, 12 of those again, for paths the warm-up did not take).
if [ "${COLD:-0}" != 1 ]; then
  WARM=$(new_dataset Warm-up)
  head -n $((WARM_ROWS + 1)) "$CSV" >"$DATA_DIR/warm-up.csv"
  log "warm-up upload of $WARM_ROWS rows (job)"
  log "warm-up: $(wait_job "$(post_job "$WARM" "$DATA_DIR/warm-up.csv")")"
  settle observation_draft
  # A pause after it (WARM_PAUSE seconds, 0 for none) lets the JIT compiler finish what the warm-up
  # queued: on 2 cores it has one optimising thread, still busy when the warm-up ends.
  sleep "${WARM_PAUSE:-0}"
fi

# psql \copy of the file into a fresh plain table; prints its seconds.
copy_once() {
  psql -Xq -c "DROP TABLE IF EXISTS copy_bench" -c "CREATE TABLE copy_bench (ref_area text, measure text,
    coop_type text, coop_level text, activity text, sex text, member_kind text, work_cat text,
    time_period text, obs_value numeric, unit_measure text)"
  local start end
  start=$(date +%s.%N)
  psql -Xq -c "\\copy copy_bench FROM '$CSV' WITH (FORMAT csv, HEADER true)"
  end=$(date +%s.%N)
  settle copy_bench >&2
  python3 -c "print($end - $start)"
}

# One round: psql \copy of the rows into a plain table, the API upload of the same file as a job
# into a new dataset, and the copy again, one after the other so that they meet the same machine;
# the ratio is the upload's time over the mean of the two copies (a single copy's time varies by
# half between rounds). Sets API, COPY, APP_CPU, PG_CPU and DS.
round() {
  log "round $1: psql \\copy of the same rows into a plain table"
  local copy_before copy_after
  copy_before=$(copy_once)
  DS=$(new_dataset "Upload benchmark $1")
  log "round $1: API upload (job) of $N rows into dataset $DS"
  local app0 pg0
  app0=$(cpu_of $APP); pg0=$(cpu_of $(pg_pids)); threads0=$("$HERE/thread-cpu.py" $APP)
  timed_upload "$DS" "$CSV"
  ACCEPTED=$(python3 -c "print(round($ACCEPTED_S, 2))")
  API=$UPLOAD_S
  # Where the CPU went (PostgreSQL's backends that ended meanwhile are not counted; the upload's
  # own backend stays in the pool).
  APP_CPU=$(python3 -c "print(round($(cpu_of $APP) - $app0, 2))")
  PG_CPU=$(python3 -c "print(round($(cpu_of $(pg_pids)) - $pg0, 2))")
  THREADS_CPU=$("$HERE/thread-cpu.py" $APP "$threads0")
  curl -sf -u "$AUTH" "$JOB" | python3 -c 'import sys, json; j = json.load(sys.stdin); print("job:", j["status"], "read", j["rowsRead"], "stored", j["rowsStored"], "warnings", (j.get("result") or {}).get("warningCount"))'
  settle observation_draft

  log "round $1: psql \\copy again"
  copy_after=$(copy_once)
  COPY=$(python3 -c "print(($copy_before + $copy_after) / 2)")
  ROUNDS_TEXT+=$(printf 'round %s: API upload %.1f s (202 after %s s; CPU app %s s [%s] + PostgreSQL %s s), job %s | psql \\copy %.1f s and %.1f s, mean %.2f s | ratio %.2f x' \
    "$1" "$API" "$ACCEPTED" "$APP_CPU" "$THREADS_CPU" "$PG_CPU" "$STATUS" "$copy_before" "$copy_after" "$COPY" "$(python3 -c "print($API / $COPY)")")$'\n'
  log "round $1: API $API s, copies $copy_before s and $copy_after s"
}

# ROUNDS (3) timed uploads in one server: the first still pays for compiling code the warm-up did
# not reach; later rounds show the server as it runs.
ROUNDS_TEXT=""
for r in $(seq 1 "${ROUNDS:-3}"); do round "$r"; done
RSS=$(ps -o rss= -p $APP | tr -d ' ')
MAXHEAP=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' /tmp/coopstats-upload-gc.log | sed -E 's/M->.*//' | sort -n | tail -1)

# The service keeps observations in an indexed table (a unique key per draft, the series index the
# queries use, measure and period): the same rows copied into a table with those indexes show how
# much of the upload's time is the storage itself rather than the checks.
log "psql \\copy of the same rows into a table with the observation table's indexes"
KEY="ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period"
psql -Xq -c "DROP TABLE IF EXISTS copy_bench_indexed" \
  -c "CREATE TABLE copy_bench_indexed (LIKE copy_bench, id bigserial PRIMARY KEY)" \
  -c "CREATE UNIQUE INDEX ON copy_bench_indexed ($KEY)" \
  -c "CREATE INDEX ON copy_bench_indexed ($KEY)" \
  -c "CREATE INDEX ON copy_bench_indexed (measure, time_period)"
START=$(date +%s.%N)
psql -Xq -c "\\copy copy_bench_indexed ($KEY, obs_value, unit_measure) FROM '$CSV' WITH (FORMAT csv, HEADER true)"
END=$(date +%s.%N)
COPY_INDEXED=$(python3 -c "print($END - $START)")

# Not part of the target, but where the cost of the indexes went: publishing moves the draft into
# the indexed observation table. Timed after the copies, so its writes do not slow them.
log "publishing the $N rows"
START=$(date +%s.%N)
curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null -w 'publish: HTTP %{http_code}\n'
END=$(date +%s.%N)
PUBLISH=$(python3 -c "print($END - $START)")

printf '\nrows %s, heap cap %s %s, largest heap before GC %s MB, RSS %s MB\n%s\\copy into the indexed table %.1f s | publish of the last round %.1f s\n' \
  "$N" "$HEAP" "$JVM_OPTS" "${MAXHEAP:-?}" "$((RSS / 1024))" "$ROUNDS_TEXT" "$COPY_INDEXED" "$PUBLISH"
