# shellcheck shell=bash disable=SC2034 # sourced; the variables it sets are for its callers
# Helpers shared by the bench scripts: sourced (`. "$HERE/lib.sh"`), not run. They expect to run
# as root on a machine with PostgreSQL 15 (Debian package), and `set -euo pipefail`.
#
# PostgreSQL: pg_ready, fresh_db, settle. The app: package_rev, start_app, stop_app, end_app;
# need_wrk, ports_free. The API, once
# start_app has set B and AUTH: new_provider, new_dataset, post_job, wait_job, timed_upload.
# Data: bench_rows. Queries: published_areas, write_lua, write_series_lua, wrk_figures.

ADMIN_PASSWORD=${ADMIN_PASSWORD:-bench-admin-password}
# Query (a) of query-bench.sh: one series, 20 observations (2005-2024).
SERIES_QS='MEASURE=COOPS&COOP_TYPE=_T&COOP_LEVEL=_T&ACTIVITY=_T&SEX=_Z&MEMBER_KIND=_Z&WORK_CAT=_Z'

log() { echo "[$(date +%H:%M:%S)] $*"; }
# CPU seconds (user + system) used so far by the given processes.
cpu_of() { for p in "$@"; do cat "/proc/$p/stat" 2>/dev/null; done |
  awk -v hz="$(getconf CLK_TCK)" '{ s += $14 + $15 } END { printf "%.2f", s / hz }'; }
pg_pids() { pgrep -d ' ' -u postgres postgres || true; }
as_pg() { env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE su postgres -c "$1"; }

# Starts PostgreSQL 15 if it is stopped (and leaves it running); creates the role bench/bench if
# missing, allowed to CHECKPOINT (settle); exports the PG* variables psql reads, for database $1.
pg_ready() {
  pg_lsclusters -h | awk '$1=="15" && $2=="main"' | grep -q online || pg_ctlcluster 15 main start
  [ "$(as_pg "psql -XAtc \"SELECT 1 FROM pg_roles WHERE rolname = 'bench'\"")" = 1 ] ||
    as_pg "psql -Xqc \"CREATE ROLE bench LOGIN PASSWORD 'bench'\""
  as_pg "psql -Xqc 'GRANT pg_checkpoint TO bench'"
  export PGHOST=localhost PGPORT=5432 PGUSER=bench PGPASSWORD=bench PGDATABASE=$1
}

# Drops and recreates database $1, owned by bench.
fresh_db() { as_pg "dropdb --if-exists $1" && as_pg "createdb -O bench $1"; }

# The vacuum and analyze PostgreSQL owes table $1 after 1,000,000 new rows, done now: left to
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

# package_rev REPO REV DIR [MAVEN_OPTION...]: exports revision REV of REPO into DIR (git archive:
# committed files only) and packages it there; REV's commit goes to DIR/.source-commit.
package_rev() {
  local repo=$1 rev=$2 dir=$3
  shift 3
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$repo" && git archive "$rev") | tar -x -C "$dir"
  git -C "$repo" rev-parse "$rev^{commit}" >"$dir/.source-commit"
  (cd "$dir" && ./mvnw -B -q -ntp "$@" package -DskipTests)
}

# start_app JAR DB PORT MGMT_PORT LOG [JVM_OPTION...]: starts the packaged app against database DB
# with a first admin (ADMIN_PASSWORD) and no demo data, and waits until it is ready. Sets APP (its
# pid), B (the API's base) and AUTH (the admin's credentials). TX_TIMEOUT, if set, is the default
# transaction timeout (publishing a million rows takes longer than the default 60 s).
start_app() {
  local jar=$1 db=$2 port=$3 mgmt=$4 app_log=$5
  shift 5
  env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/$db" QUARKUS_DATASOURCE_USERNAME=bench \
    QUARKUS_DATASOURCE_PASSWORD=bench COOPSTATS_DEMO_ENABLED=false COOPSTATS_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    ${TX_TIMEOUT:+QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT=$TX_TIMEOUT} \
    java "$@" -Dquarkus.http.port="$port" -Dquarkus.management.port="$mgmt" -jar "$jar" >"$app_log" 2>&1 &
  APP=$!
  B="http://localhost:$port/api/v1"
  AUTH="admin:$ADMIN_PASSWORD"
  for i in $(seq 1 120); do
    curl -sf -o /dev/null "localhost:$mgmt/q/health/ready" && return 0
    kill -0 "$APP" 2>/dev/null || { echo "the app died:" >&2; tail -20 "$app_log" >&2; return 1; }
    [ "$i" = 120 ] && { echo "the app did not become ready in 120 s" >&2; return 1; }
    sleep 1
  done
}

# Stops the app start_app started, and waits (at most 30 s) for it to end.
stop_app() {
  if [ -n "${APP:-}" ] && kill -0 "$APP" 2>/dev/null; then
    kill "$APP"
    for _ in $(seq 1 30); do kill -0 "$APP" 2>/dev/null || break; sleep 1; done
  fi
}

# stop_app, then waits up to 120 s more and kills it: under load an app can take longer than 30 s
# to end, and the next one needs its port.
end_app() {
  [ -n "${APP:-}" ] || return 0
  stop_app
  for _ in $(seq 1 120); do kill -0 "$APP" 2>/dev/null || return 0; sleep 1; done
  kill -9 "$APP"
}

# Exits (2) unless wrk is installed.
need_wrk() { command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }; }

# ports_free PORT...: exits (2) if one of the ports is taken (by another app or bench).
ports_free() {
  local p
  for p in "$@"; do
    ! ss -ltnH "sport = :$p" | grep -q . || { echo "port $p is taken: set PORT / MGMT_PORT" >&2; exit 2; }
  done
}

new_provider() {
  curl -sf -u "$AUTH" -X POST "$B/providers" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"name\":\"Benchmark\"}" >/dev/null
}

# new_dataset TITLE [PROVIDER]: prints the new dataset's id.
new_dataset() {
  curl -sf -u "$AUTH" -X POST "$B/datasets" -H 'Content-Type: application/json' \
    -d "{\"providerId\":\"${2:-BENCH}\",\"title\":\"$1\",\"sourceKind\":\"ESTIMATE\",\"periodBasis\":\"CALENDAR_YEAR\"}" |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])'
}

# post_job DATASET FILE: uploads a CSV file as a job; prints the job's URL.
post_job() {
  curl -sf -u "$AUTH" -X POST "$B/datasets/$1/observations" -H 'Content-Type: text/csv' \
    -H 'Prefer: respond-async' --data-binary @"$2" -D - -o /dev/null | tr -d '\r' |
    awk 'tolower($1)=="location:" {print $2}'
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

# timed_upload DATASET FILE: the upload as a job, from sending the body to the job's end. Sets
# UPLOAD_S (seconds), ACCEPTED_S (seconds until the 202: the body sent and spooled), STATUS and JOB.
timed_upload() {
  local start accepted end
  start=$(date +%s.%N)
  JOB=$(post_job "$1" "$2")
  accepted=$(date +%s.%N)
  STATUS=$(wait_job "$JOB")
  end=$(date +%s.%N)
  ACCEPTED_S=$(python3 -c "print($accepted - $start)")
  UPLOAD_S=$(python3 -c "print($end - $start)")
}

# bench_rows DIR ROWS: generate.py's data in DIR, its first ROWS rows (with the header) in
# DIR/upload.csv. Sets CSV (that file) and N (its rows).
bench_rows() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  rm -rf "$1"
  python3 "$here/generate.py" --out "$1" --chunk-rows 100000000 >/dev/null
  CSV="$1/upload.csv"
  head -n $(($2 + 1)) "$(ls "$1"/chunk-*.csv | head -1)" >"$CSV"
  N=$(($(wc -l <"$CSV") - 1))
}

# The areas with published COOPS totals, one a line: those query (a) is asked for.
published_areas() {
  psql -X -q -A -t -v ON_ERROR_STOP=1 -c "SELECT DISTINCT o.ref_area FROM observation o
    JOIN dataset d ON d.id = o.dataset_id WHERE d.status = 'PUBLISHED' AND o.measure = 'COOPS'
    AND o.coop_type = '_T' AND o.coop_level = '_T' AND o.activity = '_T' ORDER BY 1"
}

# write_lua FILE PATH AREAS YEAR_MIN YEAR_MAX: a wrk script asking for PATH, a Lua expression of
# a (an area drawn at random from AREAS, one a line) and y (a year), per request.
write_lua() {
  local areas
  areas=$(echo "$3" | sed 's/.*/"&"/' | paste -sd, -)
  cat >"$1" <<EOF
-- generated by bench/lib.sh: one random area (and year) per request
local areas = {$areas}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end
function init(args)
  math.randomseed(7919 * tid)
end
function request()
  local a = areas[math.random(#areas)]
  local y = math.random($4, $5)
  return wrk.format("GET", $2)
end
EOF
}

# write_series_lua FILE AREAS: the wrk script of query (a), one series of a random area.
write_series_lua() {
  write_lua "$1" "\"/api/v1/observations?REF_AREA=\" .. a .. \"&$SERIES_QS\"" "$2" 2005 2024
}

# wrk_figures FILE: "requests/s p50_ms p99_ms errors" from the output of wrk --latency.
wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    $1 == "Requests/sec:" { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%.1f %.2f %.2f %d\n", rps, p50, p99, errors }' "$1"
}
