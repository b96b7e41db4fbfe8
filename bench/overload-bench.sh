#!/usr/bin/env bash
# Overload: 256 connections on GET /api/v1/observations?REF_AREA=CAN against >= 2 M published
# rows, with health probed once a second meanwhile. Records the count of 500s (must be 0), the
# share of 503s, and how long /q/health/live and /q/health/ready took to answer under load. On
# the way it times a merge upload right after a 1.5 M-row publish (issue #12, item 3).
#
#   bench/overload-bench.sh     (as root, PostgreSQL 15 installed, wrk; builds a copy of HEAD)
#
# Environment: BUILD_DIR (/tmp/coopstats-overload-bench), DATA_DIR (/tmp/coopstats-overload-data),
# PORT (8093), DURATION (30 s of load), CONNECTIONS (256), THREADS (2), MERGE_ROWS (20000),
# SKIP_BUILD (0), JVM_OPTS (-XX:+UseParallelGC, as the README runs the service), HEALTH_PORT (9000: the
# management port, where /q/health is served; set it to PORT for a build from before it), DIAG (1: thread dumps
# by SIGQUIT into app.log at 1, 2, 3, 5 and 8 s of the load; 0: none).
# Always: a GC log (gc.log), vmstat and the CPU ticks of the app and of PostgreSQL per second.
# Data: generate.py's 1,538,627 rows uploaded into two datasets, both published: 3.08 M rows.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-/tmp/coopstats-overload-bench}
DATA_DIR=${DATA_DIR:-/tmp/coopstats-overload-data}
PORT=${PORT:-8093}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-256}
THREADS=${THREADS:-2}
MERGE_ROWS=${MERGE_ROWS:-20000}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
HEALTH_PORT=${HEALTH_PORT:-9000}
DIAG=${DIAG:-1}
DB=coopstats_overload_bench
ADMIN_PASSWORD=bench-admin-password
OUT=${OUT:-/tmp/coopstats-overload-run}
rm -rf "$OUT" && mkdir -p "$OUT"
log() { echo "[$(date +%H:%M:%S)] $*"; }
as_pg() { su postgres -c "$1"; }

pg_lsclusters -h | awk '$1=="15" && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
[ "$(as_pg "psql -XAtc \"SELECT 1 FROM pg_roles WHERE rolname = 'bench'\"")" = 1 ] ||
  as_pg "psql -Xqc \"CREATE ROLE bench LOGIN PASSWORD 'bench'\""
as_pg "dropdb --if-exists $DB" && as_pg "createdb -O bench $DB"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging HEAD in $BUILD_DIR"
  rm -rf "$BUILD_DIR" && mkdir -p "$BUILD_DIR"
  (cd "$REPO" && git archive HEAD) | tar -x -C "$BUILD_DIR"
  (cd "$BUILD_DIR" && ./mvnw -B -q -ntp package -DskipTests)
fi

if [ ! -f "$DATA_DIR/all.csv" ]; then
  log "generating the rows"
  rm -rf "$DATA_DIR"
  python3 "$HERE/generate.py" --out "$DATA_DIR" --chunk-rows 100000000 >/dev/null
  mv "$(ls "$DATA_DIR"/chunk-*.csv | head -1)" "$DATA_DIR/all.csv"
fi
CSV="$DATA_DIR/all.csv"
head -n $((MERGE_ROWS + 1)) "$CSV" >"$DATA_DIR/merge.csv"
N=$(($(wc -l <"$CSV") - 1))

log "starting the app"
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://localhost:5432/$DB QUARKUS_DATASOURCE_USERNAME=bench \
QUARKUS_DATASOURCE_PASSWORD=bench COOPSTATS_ADMIN_PASSWORD=$ADMIN_PASSWORD \
QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT=3600s \
  java $JVM_OPTS -Xlog:gc:file="$OUT/gc.log":uptime -Dquarkus.http.port=$PORT \
  -Dquarkus.management.port=$HEALTH_PORT -jar "$BUILD_DIR/target/quarkus-app/quarkus-run.jar" \
  >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "localhost:$HEALTH_PORT/q/health/ready" >/dev/null && break; sleep 1; done
B="http://localhost:$PORT/api/v1"
AUTH="admin:$ADMIN_PASSWORD"
curl -sf -u "$AUTH" -X POST "$B/providers" -H 'Content-Type: application/json' \
  -d '{"id":"BENCH","name":"Benchmark"}' >/dev/null
new_dataset() {
  curl -sf -u "$AUTH" -X POST "$B/datasets" -H 'Content-Type: application/json' \
    -d "{\"providerId\":\"BENCH\",\"title\":\"$1\",\"sourceKind\":\"ESTIMATE\",\"periodBasis\":\"CALENDAR_YEAR\"}" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])'
}
wait_job() {
  local status=RUNNING
  for _ in $(seq 1 36000); do
    status=$(curl -sf -u "$AUTH" "$1" | grep -o '"status" *: *"[A-Z]*"' | head -1 | cut -d'"' -f4)
    case "$status" in QUEUED|RUNNING) sleep 0.2 ;; *) break ;; esac
  done
  echo "$status"
}
# upload DATASET FILE: as a job; prints status and seconds
upload() {
  local start job status
  start=$(date +%s.%N)
  job=$(curl -sf -u "$AUTH" -X POST "$B/datasets/$1/observations" -H 'Content-Type: text/csv' \
    -H 'Prefer: respond-async' --data-binary @"$2" -D - -o /dev/null | tr -d '\r' |
    awk 'tolower($1)=="location:" {print $2}')
  status=$(wait_job "$job")
  printf '%s %.1f s' "$status" "$(echo "$(date +%s.%N) - $start" | bc -l)"
}
publish() {
  local start code
  start=$(date +%s.%N)
  code=$(curl -s -u "$AUTH" -X POST "$B/datasets/$1/publish" -o /dev/null -w '%{http_code}' --max-time 3600)
  printf 'HTTP %s %.1f s' "$code" "$(echo "$(date +%s.%N) - $start" | bc -l)"
}

A=$(new_dataset "Overload A"); Bds=$(new_dataset "Overload B")
log "upload $N rows into dataset $A: $(upload "$A" "$CSV")"
log "publish dataset $A: $(publish "$A")"
# Right after the publish, with no ANALYZE since: dataset B's draft, then a merge into it.
log "upload $N rows into dataset $Bds: $(upload "$Bds" "$CSV")"
MERGE=$(upload "$Bds" "$DATA_DIR/merge.csv")
log "merge upload of $MERGE_ROWS rows into dataset $Bds (draft of $N rows): $MERGE"
log "publish dataset $Bds: $(publish "$Bds")"
PUBLISHED=$(psql "postgresql://bench:bench@localhost:5432/$DB" -XAtc "SELECT count(*) FROM observation")
log "published rows: $PUBLISHED"

# Health probes, once a second, while wrk runs: seconds into the load, status, time to connect
# and to answer (curl gives up after 5 s: status 000).
probe() {
  for _ in $(seq 1 $((DURATION - 2))); do
    for p in live ready; do
      at=$(echo "$(date +%s.%N) - $LOAD_START" | bc -l)
      curl -s -o /dev/null -m 5 -w "$p %{http_code} %{time_total} %{time_connect} $at\n" \
        "localhost:$HEALTH_PORT/q/health/$p" >>"$OUT/health.txt" || true
    done
    sleep 1
  done
}
# Per second: seconds into the load, CPU ticks (1/100 s) of the app and of all PostgreSQL processes.
cpu() {
  while :; do
    local app pg
    app=$(awk '{print $14 + $15}' /proc/$APP/stat 2>/dev/null || echo 0)
    pg=$(for f in $(pgrep -u postgres postgres); do awk '{print $14 + $15}' /proc/$f/stat 2>/dev/null; done |
      awk '{s += $1} END {print s + 0}')
    echo "$(echo "$(date +%s.%N) - $LOAD_START" | bc -l) $app $pg"
    sleep 1
  done >"$OUT/cpu.txt"
}
dumps() {
  local last=0
  for at in 1 2 3 5 8; do sleep $((at - last)); last=$at; kill -QUIT $APP; done
}
cat >"$OUT/count.lua" <<'LUA'
-- global, not local: done() reads each thread's table with thread:get("counts")
counts = {}
response = function(status) counts[status] = (counts[status] or 0) + 1 end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function()
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
end
LUA
rm -f "$OUT/health.txt"
log "load average before the load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/loadavg.txt"
log "load: $CONNECTIONS connections for $DURATION s on /api/v1/observations?REF_AREA=CAN"
sleep 1
LOAD_START=$(date +%s.%N)
probe &
PROBE=$!
cpu &
CPU=$!
vmstat 1 $((DURATION + 2)) >"$OUT/vmstat.txt" &
[ "$DIAG" = 1 ] && { dumps & }
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$OUT/count.lua" \
  "http://localhost:$PORT/api/v1/observations?REF_AREA=CAN" >"$OUT/wrk.txt" 2>&1 || true
wait $PROBE || true
kill $CPU 2>/dev/null || true
cat "$OUT/wrk.txt"
python3 "$HERE/overload-summary.py" "$OUT" "$DURATION"
grep -c "Unexpected failure" "$OUT/app.log" | sed 's/^/app log "Unexpected failure" lines: /' || true
