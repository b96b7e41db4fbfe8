#!/usr/bin/env bash
# Reads through a PostgreSQL streaming replica (issue #14, item 6): makes a local replica of the
# machine's PostgreSQL 15 cluster with pg_basebackup -R on another port, then runs query (a) (one
# series of a random area) and ?REF_AREA=CAN with the response cache off against the packaged app
# primary-only and with its read datasource on the replica, alternating over ROUNDS rounds; then
# measures how long after a publish the replica has replayed it (pg_stat_replication) and the app
# routes the new release to it. Removes the replica cluster at the end.
#
#   bench/replica-bench.sh [REV]     (as root; PostgreSQL 15, wrk, python3; REV defaults to HEAD)
#
# Environment (defaults): ROWS (200000), ROUNDS (1), DURATION (20), WARMUP (15), CONNECTIONS (32),
# THREADS (2), HEAP (256m), JVM_OPTS (-XX:+UseParallelGC), PORT (8170), MGMT_PORT (9170),
# REPLICA_PORT (5433), WORK_DIR (/tmp/coopstats-replica-bench), SKIP_BUILD (0).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-200000}
ROUNDS=${ROUNDS:-1}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
PORT=${PORT:-8170}
MGMT_PORT=${MGMT_PORT:-9170}
REPLICA_PORT=${REPLICA_PORT:-5433}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-replica-bench}
PG_BIN=/usr/lib/postgresql/15/bin
REPLICA_DIR=/var/lib/postgresql/coopstats-replica-bench
DB=coopstats_replica_bench
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
need_wrk
ports_free "$PORT" "$MGMT_PORT" "$REPLICA_PORT"
REV=$(git -C "$REPO" rev-parse --verify "${1:-HEAD}^{commit}")
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
: >"$FIGURES"
echo "uptime before: $(uptime)"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging $REV in $WORK_DIR/app"
  package_rev "$REPO" "$REV" "$WORK_DIR/app" -o
fi
JAR="$WORK_DIR/app/target/quarkus-app/quarkus-run.jar"

stop_replica() {
  if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl -D $REPLICA_DIR -m fast -w stop" >/dev/null || true
  fi
  rm -rf "$REPLICA_DIR"
}
cleanup() { stop_app; stop_replica; }
trap cleanup EXIT

# run_app CONFIG: the packaged app, response cache off; CONFIG replica adds the read datasource.
run_app() {
  local extra=()
  [ "$1" = replica ] && extra=("-Dquarkus.datasource.\"read\".jdbc.url=jdbc:postgresql://localhost:$REPLICA_PORT/$DB"
    "-Dquarkus.datasource.\"read\".username=bench" "-Dquarkus.datasource.\"read\".password=bench")
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  start_app "$JAR" "$DB" "$PORT" "$MGMT_PORT" "$WORK_DIR/app-$1.log" -Xmx$HEAP $JVM_OPTS \
    -Dcoopstats.response-cache.max-bytes=0 "${extra[@]}"
}

log "generating about $ROWS rows"
bench_rows "$WORK_DIR/data" "$ROWS"
pg_ready "$DB"
fresh_db "$DB"
as_pg "psql -Xqc 'ALTER ROLE bench REPLICATION'"
as_pg "psql -Xqc 'GRANT pg_read_all_stats TO bench'"
log "publishing $N rows"
run_app primary
new_provider BENCH
DS=$(new_dataset "Query data")
timed_upload "$DS" "$CSV"
[ "$STATUS" = SUCCEEDED ] || { log "the upload ended $STATUS"; exit 1; }
curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
settle observation
stop_app

log "making the replica: pg_basebackup -R into $REPLICA_DIR, port $REPLICA_PORT"
stop_replica
start_s=$(date +%s.%N)
as_pg "PGPASSWORD=bench $PG_BIN/pg_basebackup -h localhost -p 5432 -U bench -D $REPLICA_DIR -R -X stream -c fast"
# The Debian cluster keeps its configuration in /etc: the copy takes it and overrides its own.
as_pg "cat >$REPLICA_DIR/postgresql.conf" <<CONF
include '/etc/postgresql/15/main/postgresql.conf'
data_directory = '$REPLICA_DIR'
port = $REPLICA_PORT
external_pid_file = ''
cluster_name = 'coopstats-replica-bench'
hot_standby = on
CONF
# Spelled out: -R's conninfo may leave the password out (postgresql.auto.conf is read last).
echo "primary_conninfo = 'host=localhost port=5432 user=bench password=bench application_name=coopstats-replica-bench'" |
  as_pg "cat >>$REPLICA_DIR/postgresql.auto.conf"
as_pg "$PG_BIN/pg_ctl -D $REPLICA_DIR -l $REPLICA_DIR/server.log -w start" >/dev/null
BASEBACKUP_S=$(python3 -c "print('%.1f' % ($(date +%s.%N) - $start_s))")
log "replica up in ${BASEBACKUP_S}s: $(psql -XAtc "SELECT application_name || ' ' || state FROM pg_stat_replication")"

AREAS=$(published_areas)
write_series_lua "$WORK_DIR/series.lua" "$AREAS"
cat >"$WORK_DIR/area.lua" <<'LUA'
request = function() return wrk.format("GET", "/api/v1/observations?REF_AREA=CAN") end
LUA

# The route counters, "replica primary fallback" (zeros primary-only: the route counts primary).
route_counts() {
  curl -sf "localhost:$MGMT_PORT/q/metrics" | awk '
    /^coopstats_read_route_total\{.*target="replica"/ { r = $NF }
    /^coopstats_read_route_total\{.*target="primary"/ { p = $NF }
    /^coopstats_read_route_total\{.*target="fallback"/ { f = $NF }
    END { printf "%d %d %d\n", r, p, f }'
}

one_run() { # CONFIG QUERY ROUND
  local out="$WORK_DIR/wrk-$1-$2-$3.txt" load r0 p0 f0 r1 p1 f1
  load=$(cut -d' ' -f1 /proc/loadavg)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$WORK_DIR/$2.lua" "http://localhost:$PORT" >/dev/null
  read -r r0 p0 f0 <<<"$(route_counts)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$WORK_DIR/$2.lua" \
    "http://localhost:$PORT" >"$out"
  read -r r1 p1 f1 <<<"$(route_counts)"
  echo "$1 $2 $3 $(wrk_figures "$out") $((r1 - r0)) $((p1 - p0)) $((f1 - f0)) $load" | tee -a "$FIGURES"
}

log "$ROUNDS rounds: ${WARMUP}s warm-up, ${DURATION}s measured, $CONNECTIONS connections, cache off"
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="primary replica"; else order="replica primary"; fi
  for config in $order; do
    log "round $r: $config"
    run_app "$config"
    one_run "$config" series "$r"
    one_run "$config" area "$r"
    stop_app
  done
done
run_app replica

# Lag: a new release (20,000 rows of a second provider) published with the replica app running;
# from the publish's answer, poll (10 ms) the replica's replay position and the app's route.
log "lag after a publish"
new_provider BENCH2
DS2=$(new_dataset "Lag probe" BENCH2)
head -n 20001 "$CSV" >"$WORK_DIR/lag.csv"
timed_upload "$DS2" "$WORK_DIR/lag.csv"
[ "$STATUS" = SUCCEEDED ] || { log "the lag upload ended $STATUS"; exit 1; }
published_s=$(python3 - "$B/datasets/$DS2/publish" "$AUTH" <<'PY'
import base64, sys, time, urllib.request
req = urllib.request.Request(sys.argv[1], method="POST",
    headers={"Authorization": "Basic " + base64.b64encode(sys.argv[2].encode()).decode()})
start = time.time()
urllib.request.urlopen(req).read()
print("%.3f %.3f" % (start, time.time()))
PY
)
read -r publish_start publish_end <<<"$published_s"
LSN=$(psql -XAtc "SELECT pg_current_wal_lsn()")
python3 - "$LSN" "$publish_end" "$REPLICA_PORT" "$DB" "localhost:$PORT" "localhost:$MGMT_PORT" <<'PY' | tee -a "$FIGURES"
import subprocess, sys, time, urllib.request
lsn, published, rport, db, app, mgmt = sys.argv[1:7]
published = float(published)
def psql(port, sql):
    return subprocess.run(["psql", "-XAt", "-p", port, "-d", db, "-c", sql], capture_output=True,
                          text=True, check=True).stdout.strip()
def replica_routes():
    for line in urllib.request.urlopen("http://%s/q/metrics" % mgmt).read().decode().splitlines():
        if line.startswith("coopstats_read_route_total") and 'target="replica"' in line:
            return float(line.split()[-1])
    return 0.0
replayed = served = None
lag_column = ""
deadline = time.time() + 120
while time.time() < deadline and (replayed is None or served is None):
    if replayed is None and psql(rport, "SELECT pg_last_wal_replay_lsn() >= '%s'::pg_lsn" % lsn) == "t":
        replayed = time.time() - published
        lag_column = psql("5432", "SELECT coalesce(replay_lag::text, '-') FROM pg_stat_replication LIMIT 1")
    if served is None:
        before = replica_routes()
        body = urllib.request.urlopen("http://%s/api/v1/observations?provider=BENCH2&limit=1" % app).read()
        if replica_routes() > before and b'"items":[]' not in body.replace(b" ", b""):
            served = time.time() - published
    time.sleep(0.01)
print("lag replayed_after_s %s replay_lag %s served_by_replica_after_s %s" % (
    "%.3f" % replayed if replayed is not None else "-", lag_column or "-",
    "%.3f" % served if served is not None else "-"))
PY
echo "publish took $(python3 -c "print('%.2f' % ($publish_end - $publish_start))") s" | tee -a "$FIGURES"
stop_app
echo "uptime after: $(uptime)"

python3 - "$FIGURES" "$REV" "$N" "$DURATION" "$CONNECTIONS" "$BASEBACKUP_S" <<'PY'
import sys
figures, rev, rows, duration, connections, basebackup = sys.argv[1:7]
lines = [l.split() for l in open(figures) if l.strip()]
print()
print("REV %s; %s published rows; %s s per run, %s connections, response cache off; pg_basebackup + start %s s" % (rev[:12], rows, duration, connections, basebackup))
print()
print("| config | query | round | req/s | p50 ms | p99 ms | errors | routed replica | primary | fallback | load before |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for l in lines:
    if l[0] in ("primary", "replica"):
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % tuple(l[:11]))
for l in lines:
    if l[0] in ("lag", "publish"):
        print()
        print(" ".join(l))
PY
echo "raw outputs in $WORK_DIR"
