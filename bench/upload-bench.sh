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
ADMIN_PASSWORD=bench-admin-password
log() { echo "[$(date +%H:%M:%S)] $*"; }
# CPU seconds (user + system) used so far by the given processes.
cpu_of() { for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done |
  awk -v hz="$(getconf CLK_TCK)" '{ s += $14 + $15 } END { printf "%.2f", s / hz }'; }
pg_pids() { pgrep -d ' ' -u postgres postgres || true; }
as_pg() { su postgres -c "$1"; }

pg_lsclusters -h | awk '$1=="15" && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
[ "$(as_pg "psql -XAtc \"SELECT 1 FROM pg_roles WHERE rolname = 'bench'\"")" = 1 ] ||
  as_pg "psql -Xqc \"CREATE ROLE bench LOGIN PASSWORD 'bench'\""
as_pg "psql -Xqc 'GRANT pg_checkpoint TO bench'" # for settle()
as_pg "dropdb --if-exists $DB" && as_pg "createdb -O bench $DB"
export PGHOST=localhost PGPORT=5432 PGUSER=bench PGPASSWORD=bench PGDATABASE=$DB

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging HEAD in $BUILD_DIR"
  rm -rf "$BUILD_DIR" && mkdir -p "$BUILD_DIR"
  (cd "$REPO" && git archive HEAD) | tar -x -C "$BUILD_DIR"
  (cd "$BUILD_DIR" && ./mvnw -B -q -ntp package -DskipTests)
fi

log "generating about $ROWS rows"
rm -rf "$DATA_DIR"
python3 "$HERE/generate.py" --out "$DATA_DIR" --chunk-rows 100000000 >/dev/null
CSV=$(ls "$DATA_DIR"/chunk-*.csv | head -1)
head -n $((ROWS + 1)) "$CSV" >"$DATA_DIR/upload.csv"
CSV="$DATA_DIR/upload.csv"
N=$(($(wc -l <"$CSV") - 1))
log "$N rows, $(du -h "$CSV" | cut -f1) in $CSV"

log "starting the app with -Xmx$HEAP $JVM_OPTS"
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB QUARKUS_DATASOURCE_USERNAME=bench \
QUARKUS_DATASOURCE_PASSWORD=bench COOPSTATS_DEMO_ENABLED=false COOPSTATS_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  java -Xmx$HEAP $JVM_OPTS ${JAVA_EXTRA:-} -Xlog:gc:file=/tmp/coopstats-upload-gc.log -Dquarkus.http.port=$PORT \
  -Dquarkus.management.port=${MGMT_PORT:-9000} -jar "$BUILD_DIR/target/quarkus-app/quarkus-run.jar" >/tmp/coopstats-upload-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:${MGMT_PORT:-9000}/q/health" >/dev/null && break; sleep 1; done
B="http://localhost:$PORT/api/v1"
AUTH="admin:$ADMIN_PASSWORD"
curl -sf -u "$AUTH" -X POST "$B/providers" -H 'Content-Type: application/json' \
  -d '{"id":"BENCH","name":"Benchmark"}' >/dev/null
new_dataset() {
  curl -sf -u "$AUTH" -X POST "$B/datasets" -H 'Content-Type: application/json' \
    -d "{\"providerId\":\"BENCH\",\"title\":\"$1\",\"sourceKind\":\"ESTIMATE\",\"periodBasis\":\"CALENDAR_YEAR\"}" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])'
}

# Polls a job until it has ended; prints its status.
wait_job() {
  local status=RUNNING
  for _ in $(seq 1 18000); do
    # grep, not python: starting an interpreter ten times a second took CPU from the upload
    status=$(curl -sf -u "$AUTH" "$1" | grep -o '"status" *: *"[A-Z]*"' | head -1 | cut -d'"' -f4)
    case "$status" in QUEUED|RUNNING) sleep 0.1 ;; *) break ;; esac
  done
  echo "$status"
}

# The vacuum and analyze PostgreSQL owes a table after 1,000,000 new rows, done now: left to
# autovacuum it starts within a minute, in the middle of whichever step is timed next (a second of
# CPU taken from the next upload or copy). Then waits until no autovacuum worker runs, and writes
# the dirty buffers out (CHECKPOINT), so that each timed step starts from the same clean state.
settle() {
  psql -Xq -c "VACUUM (ANALYZE) $1"
  for _ in $(seq 1 120); do
    [ "$(psql -XAtc "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")" = 0 ] && break
    sleep 0.5
  done
  psql -Xq -c CHECKPOINT
}

# A server runs warm: one upload of WARM_ROWS (100,000) rows into another dataset first, as a job
# like the timed ones (COLD=1 skips it). It is not enough for the JIT compiler: round 1 still runs
# with it at work (-XX:+PrintCompilation: 17 of the upload's methods reach C2 during the warm-up,
# 55 during round 1, 12 of those again, for paths the warm-up did not take).
if [ "${COLD:-0}" != 1 ]; then
  WARM=$(new_dataset Warm-up)
  head -n $((WARM_ROWS + 1)) "$CSV" >"$DATA_DIR/warm-up.csv"
  log "warm-up upload of $WARM_ROWS rows (job)"
  job=$(curl -sf -u "$AUTH" -X POST "$B/datasets/$WARM/observations" -H 'Content-Type: text/csv' \
    -H 'Prefer: respond-async' --data-binary @"$DATA_DIR/warm-up.csv" -D - -o /dev/null | tr -d '\r' |
    awk 'tolower($1)=="location:" {print $2}')
  log "warm-up: $(wait_job "$job")"
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
  local app0 pg0 start accepted end job
  app0=$(cpu_of $APP); pg0=$(cpu_of $(pg_pids)); threads0=$("$HERE/thread-cpu.py" $APP)
  start=$(date +%s.%N)
  job=$(curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/observations" -H 'Content-Type: text/csv' \
    -H 'Prefer: respond-async' --data-binary @"$CSV" -D - -o /dev/null | tr -d '\r' |
    awk 'tolower($1)=="location:" {print $2}')
  accepted=$(date +%s.%N) # the body sent and spooled
  STATUS=$(wait_job "$job")
  end=$(date +%s.%N)
  ACCEPTED=$(python3 -c "print(round($accepted - $start, 2))")
  API=$(python3 -c "print($end - $start)")
  # Where the CPU went (PostgreSQL's backends that ended meanwhile are not counted; the upload's
  # own backend stays in the pool).
  APP_CPU=$(python3 -c "print(round($(cpu_of $APP) - $app0, 2))")
  PG_CPU=$(python3 -c "print(round($(cpu_of $(pg_pids)) - $pg0, 2))")
  THREADS_CPU=$("$HERE/thread-cpu.py" $APP "$threads0")
  curl -sf -u "$AUTH" "$job" | python3 -c 'import sys, json; j = json.load(sys.stdin); print("job:", j["status"], "read", j["rowsRead"], "stored", j["rowsStored"], "warnings", (j.get("result") or {}).get("warningCount"))'
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
