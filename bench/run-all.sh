#!/usr/bin/env bash
# The whole benchmark in one command, as root on a machine with PostgreSQL 15 installed:
# start PostgreSQL 15, (re)create the bench role and database, copy this repository to
# $BUILD_DIR and package it there, start the packaged app against the database, generate the
# data, load it through the API, run the query benchmark, stop the app.
#
#   bench/run-all.sh
#
# Environment (defaults): BUILD_DIR=/tmp/coopstats-bench, DATA_DIR=/tmp/coopstats-bench-data,
# WORK_DIR=/tmp/coopstats-bench-run, DB=coopstats_bench, FRESH=1 (drop and recreate the
# database; 0 keeps it and skips generate+load when it already holds published data),
# SKIP_BUILD=0, JVM_OPTS=-XX:+UseParallelGC (as the README runs the service; JAVA_EXTRA adds
# options), SOURCE=head (the committed HEAD, via git archive; "worktree" copies the tracked
# files as they are, uncommitted changes included), PORT (8080, or 8090 if 8080 is taken), plus
# query-bench.sh's DURATION, WARMUP, CONNECTIONS, THREADS, OTHER_MAX, MAX_TRIES, QUIET_WAIT.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
BUILD_DIR=${BUILD_DIR:-/tmp/coopstats-bench}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC} # the README's; JVM_OPTS= for the JVM's defaults (G1)
DATA_DIR=${DATA_DIR:-/tmp/coopstats-bench-data}
export WORK_DIR=${WORK_DIR:-/tmp/coopstats-bench-run}
DB=${DB:-coopstats_bench}
FRESH=${FRESH:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
SOURCE=${SOURCE:-head}
PG_BIN=/usr/lib/postgresql/15/bin

export PGHOST=localhost PGPORT=5432 PGUSER=bench PGPASSWORD=bench PGDATABASE=$DB
mkdir -p "$WORK_DIR"
log() { echo "[$(date +%H:%M:%S)] $*"; }

# --- PostgreSQL 15 -----------------------------------------------------------------------------
if ! pg_lsclusters -h | awk '$1=="15" && $2=="main"' | grep -q online; then
  log "starting PostgreSQL 15"
  pg_ctlcluster 15 main start
fi
as_pg() { env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE su postgres -c "$1"; }
if [ "$(as_pg "psql -XAtc \"SELECT 1 FROM pg_roles WHERE rolname = 'bench'\"")" != 1 ]; then
  as_pg "psql -Xqc \"CREATE ROLE bench LOGIN PASSWORD 'bench'\""
fi
db_exists=$(as_pg "psql -XAtc \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"")
if [ "$FRESH" = 1 ] && [ "$db_exists" = 1 ]; then
  log "dropping database $DB (FRESH=1)"
  as_pg "dropdb '$DB'"
  db_exists=
fi
[ "$db_exists" = 1 ] || as_pg "createdb -O bench '$DB'"

# --- build a copy --------------------------------------------------------------------------------
if [ "$SKIP_BUILD" != 1 ]; then
  rm -rf "$BUILD_DIR" && mkdir -p "$BUILD_DIR"
  if [ "$SOURCE" = worktree ]; then
    log "copying $REPO (tracked files, uncommitted changes included) to $BUILD_DIR and packaging it"
    (cd "$REPO" && git ls-files -z | xargs -0 -I{} cp --parents {} "$BUILD_DIR/")
    (cd "$REPO" && echo "$(git rev-parse HEAD) + uncommitted changes") >"$BUILD_DIR/.source-commit"
  else
    log "exporting $REPO at HEAD to $BUILD_DIR and packaging it"
    (cd "$REPO" && git archive HEAD) | tar -x -C "$BUILD_DIR"
    (cd "$REPO" && git rev-parse HEAD) >"$BUILD_DIR/.source-commit"
  fi
  (cd "$BUILD_DIR" && ./mvnw -B -q package -DskipTests)
fi
JAR="$BUILD_DIR/target/quarkus-app/quarkus-run.jar"
[ -f "$JAR" ] || { echo "no $JAR" >&2; exit 1; }

# --- machine ------------------------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(cat "$BUILD_DIR/.source-commit" 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -h | awk '/^Mem:/{print $2}')"
  echo "postgresql: $(psql -XAtc 'SHOW server_version') (shared_buffers $(psql -XAtc 'SHOW shared_buffers'), max_connections $(psql -XAtc 'SHOW max_connections'))"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1)"
  echo "pgbench: $($PG_BIN/pgbench --version)"
} | tee "$WORK_DIR/machine.txt"

# --- the app -------------------------------------------------------------------------------------
PORT=${PORT:-8080}
if ss -ltnH "sport = :$PORT" | grep -q .; then
  PORT=8090
  ss -ltnH "sport = :$PORT" | grep -q . && { echo "ports 8080 and 8090 are both taken" >&2; exit 1; }
fi
export API="http://localhost:$PORT"
# The first admin, created at start when the database has none (the service asks for HTTP Basic
# on writes since c614a46); load.sh uses it.
export API_USER=admin API_PASSWORD=${API_PASSWORD:-bench-admin-password}
# Publishing 1.5 million observations takes longer than the default 60 s transaction timeout (the
# reaper cancels it: HTTP 500); a workaround until publish sets its own timeout like upload does.
TX_TIMEOUT=${TX_TIMEOUT:-3600s}
log "starting the app on $PORT (log: $WORK_DIR/app.log)"
(cd "$BUILD_DIR" && QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$DB" \
  QUARKUS_DATASOURCE_USERNAME=bench QUARKUS_DATASOURCE_PASSWORD=bench COOPSTATS_DEMO_ENABLED=false \
  COOPSTATS_ADMIN_USERNAME="$API_USER" COOPSTATS_ADMIN_PASSWORD="$API_PASSWORD" \
  QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT="$TX_TIMEOUT" \
  exec java $JVM_OPTS ${JAVA_EXTRA:-} -Dquarkus.http.port="$PORT" \
  -Dquarkus.management.port="${MGMT_PORT:-9000}" -jar "$JAR") >"$WORK_DIR/app.log" 2>&1 &
APP_PID=$!
export APP_PID
stop_app() {
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID)"
    kill "$APP_PID"
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
  fi
}
trap stop_app EXIT
for i in $(seq 1 120); do
  curl -sf -o /dev/null "http://localhost:${MGMT_PORT:-9000}/q/health/ready" && break
  kill -0 "$APP_PID" 2>/dev/null || { echo "the app died:" >&2; tail -20 "$WORK_DIR/app.log" >&2; exit 1; }
  [ "$i" = 120 ] && { echo "the app did not become ready in 120 s" >&2; exit 1; }
  sleep 1
done
log "app ready: $(grep -o 'started in [0-9.]*s' "$WORK_DIR/app.log" | head -1)"

# --- data ----------------------------------------------------------------------------------------
published=$(psql -XAtc "SELECT count(*) FROM observation o JOIN dataset d ON d.id = o.dataset_id WHERE d.status = 'PUBLISHED'")
if [ "$published" -gt 0 ] && [ "$FRESH" != 1 ]; then
  log "database already holds $published published observations: not loading again"
else
  log "generating"
  python3 "$HERE/generate.py" --out "$DATA_DIR" | tee "$WORK_DIR/generate.txt"
  log "loading through the API"
  "$HERE/load.sh" "$DATA_DIR" | tee "$WORK_DIR/load.txt"
fi

# --- queries ------------------------------------------------------------------------------------
log "query benchmark"
"$HERE/query-bench.sh" | tee "$WORK_DIR/query-bench.txt"
log "done; outputs in $WORK_DIR"
