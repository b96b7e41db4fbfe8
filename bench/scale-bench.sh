#!/usr/bin/env bash
# Fast at every size (issue #14, item 6): one revision, databases of growing size, the same
# requests at each size. A statistics database grows mostly by history, so each size is
# generate.py's 200 areas and series with more years (--first-year): the rows of 2005-2024 are the
# same bytes at every size, and every request below asks for 2005-2024 (PERIODS), so its ANSWER is
# the same at every size and its latency reflects the size of the data only.
#
#   bench/scale-bench.sh [REV]        (REV default HEAD; as root; PostgreSQL 15, wrk, pgbench, python3)
#
# 1. packages REV once (git archive, ./mvnw -o package) in WORK_DIR/app;
# 2. per size k (SIZES: the first year of each size), database DB_PREFIX_s<k>: generates the rows,
#    uploads them through the API as jobs, CHUNK_ROWS rows a file (the upload's limit is
#    coopstats.upload.max-bytes, 256 MB: ~5 M rows), all merged into one draft, published once;
#    records the upload and publish times (WORK_DIR/load-<db>.txt, kept for SKIP_LOAD runs).
#    Loading need not be quiet; measuring must be;
# 3. per size, with the response cache off (the cost of a miss: the first reader after a release,
#    a long tail of distinct queries), for each request:
#      series  one series of a random area (query-bench.sh's (a)), 20 observations
#      area    ?REF_AREA=$AREA                       measure ?MEASURE=COOPS
#      all     no filter but the periods             deep    ?offset=100000
#      csv     ?REF_AREA=$AREA&format=csv&limit=10000    json    the same page as JSON
#      sdmx    /sdmx/v2.1/data/COOP_STATS/$AREA....... structure-specific SDMX-ML, all its series
#      avail   /sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all (no period filter: its answer,
#              the codes present and the time range, has the same size at every size)
#    the answer's X-Total-Count, bytes and checksum (the same at every size, but avail's range);
#    the median of SINGLE sequential requests (curl time_total, one connection: latency alone);
#    wrk at CONNECTIONS connections, STEP_WARMUP s then DURATION s: 2xx req/s, p50, p99, errors,
#    and the CPU the app and PostgreSQL (all of its processes: keep the machine quiet) used per
#    2xx answer; then pgbench on the SQL of each request: the statement the app ran for it,
#    taken from PostgreSQL's log (log_min_duration_statement=0 for this database, set for one
#    short app run and reset), its parameters written in; for series, the area drawn at random
#    as wrk draws it. Then the requests of CACHED again with the response cache on (its default
#    size, as the service runs): after its first answer a request is a hit until the next release
#    (the SDMX message, past the cache's per-entry bound, stays a miss);
# 4. prints, ready for bench/RESULTS.md: a table per size, the ratios of each size to the first
#    (latency) and of the API to pgbench, the sizes of the database and the observation table,
#    and extrapolations to 100 M rows (labelled so: a power law through the measured points).
#
# Environment (defaults): SIZES ("2005 1895": ~1.54 M and ~10.0 M rows; 1905 gives ~6x the first),
# AREAS (200: generate.py --areas; 26 gives ~200,000 rows at 2005), CHUNK_ROWS (1000000),
# DB_PREFIX (coopstats_scale), AREA (CAN, or the first published area if CAN is not),
# PERIODS (startPeriod=2005&endPeriod=2024; empty: none), REQUESTS ("series area measure all deep
# csv json sdmx avail"), CACHED (the same), DURATION (30), WARMUP (60: query (a) per app start, for the JIT),
# STEP_WARMUP (10), CONNECTIONS (32), THREADS (2), SINGLE (20), HEAP (512m), LOAD_HEAP (1g),
# JVM_OPTS (-XX:+UseParallelGC), PORT (8150), MGMT_PORT (9150), WORK_DIR
# (/tmp/coopstats-scale-bench), TX_TIMEOUT (3600s: publishing millions of rows takes longer than
# the default 60 s), PGBENCH (/usr/lib/postgresql/15/bin/pgbench), SKIP_BUILD (0; 1 reuses
# WORK_DIR/app), SKIP_LOAD (0; 1 reuses each size's database as loaded), LOAD_SIZES (all: which
# sizes to load, e.g. "2"; the others are reused as loaded), LOAD_ONLY (0; 1 loads and
# stops: no measuring), SUMMARY_ONLY (0; 1 prints the tables again from WORK_DIR), KEEP_DATA (0; 1
# keeps the generated CSV files).
set -euo pipefail
case "${1:-}" in -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ $# -le 1 ] || { echo "usage: $0 [REV]" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
read -r -a SIZES <<<"${SIZES:-2005 1895}"
AREAS_N=${AREAS:-200}
CHUNK_ROWS=${CHUNK_ROWS:-1000000}
DB_PREFIX=${DB_PREFIX:-coopstats_scale}
PERIODS=${PERIODS-startPeriod=2005&endPeriod=2024}
REQUESTS=${REQUESTS:-series area measure all deep csv json sdmx avail}
CACHED=${CACHED-$REQUESTS}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
STEP_WARMUP=${STEP_WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SINGLE=${SINGLE:-20}
HEAP=${HEAP:-512m}
LOAD_HEAP=${LOAD_HEAP:-1g}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
PORT=${PORT:-8150}
MGMT_PORT=${MGMT_PORT:-9150}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-scale-bench}
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
FIGURES="$WORK_DIR/figures.txt"
H="http://localhost:$PORT"
mkdir -p "$WORK_DIR"

# ---- the app ---------------------------------------------------------------------------------

# run_app DB LOG HEAP [JVM_OPTION...]: the packaged revision against DB.
run_app() {
  local db=$1 app_log=$2 heap=$3
  shift 3
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  start_app "$WORK_DIR/app/target/quarkus-app/quarkus-run.jar" "$db" "$PORT" "$MGMT_PORT" \
    "$app_log" -Xmx"$heap" $JVM_OPTS "$@"
}


# ---- loading ---------------------------------------------------------------------------------

# load_size K FIRST_YEAR DB: generates, uploads (one draft) and publishes size K into a fresh DB;
# the figures go to WORK_DIR/load-DB.txt.
load_size() {
  local k=$1 first=$2 db=$3 data="$WORK_DIR/data-s$1" rows=0 upload=0 chunks=0 start end
  log "size $k: generating $AREAS_N areas from $first in $data"
  rm -rf "$data"
  python3 "$HERE/generate.py" --out "$data" --areas "$AREAS_N" --first-year "$first" \
    --chunk-rows "$CHUNK_ROWS" | tee "$WORK_DIR/generate-s$k.txt"
  fresh_db "$db"
  pg_ready "$db"
  run_app "$db" "$WORK_DIR/app-load-s$k.log" "$LOAD_HEAP"
  new_provider BENCH
  local ds
  ds=$(new_dataset "Scale benchmark, size $k, $first-2024")
  local out="$WORK_DIR/load-$db.txt"
  echo "# $db: generate.py --areas $AREAS_N --first-year $first --chunk-rows $CHUNK_ROWS; app $(cat "$WORK_DIR/app/.source-commit"); $(date -u +%FT%TZ)" >"$out"
  # loading need not be quiet, but its times are figures only if it was: say how busy the machine was
  echo "# uptime before: $(uptime)" >>"$out"
  for f in "$data"/chunk-*.csv; do
    local n store
    n=$(($(wc -l <"$f") - 1))
    timed_upload "$ds" "$f" # mode=merge (the default): every chunk after the first merges into the draft
    [ "$STATUS" = SUCCEEDED ] || { log "the upload of $f ended $STATUS"; curl -s -u "$AUTH" "$JOB" | head -c 2000; exit 1; }
    rows=$((rows + n))
    chunks=$((chunks + 1))
    upload=$(python3 -c "print(round($upload + $UPLOAD_S, 2))")
    # the upload's store phase, from the app's log: the merge into the draft (none for the first)
    store=$(grep "Upload of .* into dataset $ds:" "$WORK_DIR/app-load-s$k.log" | tail -1 | grep -o 'store [0-9]* ms' || echo 'store ? ms')
    echo "chunk $chunks $n rows: $(python3 -c "print(round($UPLOAD_S, 2))") s, $store (draft now $rows rows)" | tee -a "$out"
  done
  settle observation_draft
  log "size $k: publishing $rows rows"
  start=$(date +%s.%N)
  curl -sf -u "$AUTH" -X POST "$B/datasets/$ds/publish" -o /dev/null
  end=$(date +%s.%N)
  local publish
  publish=$(python3 -c "print(round($end - $start, 2))")
  end_app
  settle observation_draft
  settle observation
  echo "# uptime after: $(uptime)" >>"$out"
  echo "load $k $db $first $rows $chunks $upload $publish" | tee -a "$out"
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$data"
}

# ---- measuring -------------------------------------------------------------------------------

# The request NAME's path (series: for the area AREA; wrk draws one per request).
path_of() {
  local p=${PERIODS:+&$PERIODS}
  case "$1" in
    series) echo "/api/v1/observations?REF_AREA=$AREA&$SERIES_QS$p" ;;
    area) echo "/api/v1/observations?REF_AREA=$AREA$p" ;;
    measure) echo "/api/v1/observations?MEASURE=COOPS$p" ;;
    all) echo "/api/v1/observations${PERIODS:+?$PERIODS}" ;;
    deep) echo "/api/v1/observations?offset=100000$p" ;;
    csv) echo "/api/v1/observations?REF_AREA=$AREA&format=csv&limit=10000$p" ;;
    json) echo "/api/v1/observations?REF_AREA=$AREA&limit=10000$p" ;;
    sdmx) echo "/sdmx/v2.1/data/COOP_STATS/$AREA.......?format=structurespecificdata$p" ;;
    avail) echo "/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all" ;;
    *) echo "unknown request $1" >&2; return 1 ;;
  esac
}

# wrk's arguments for request NAME.
wrk_target() {
  if [ "$1" = series ]; then echo "-s $WORK_DIR/series.lua $H"; else echo "$H$(path_of "$1")"; fi
}

# idle NAME: waits (at most 120 s) until request NAME is answered 200: after wrk ends, the app
# still works through the requests in flight, and the query bulkhead answers 503 until they end.
idle() {
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$H$(path_of "$1")")" = 200 ] && return 0
    sleep 0.5
  done
  log "$1: still no 200 after 120 s"
}

# answer NAME: "total bytes checksum" of one answer (the SDMX message's id and time aside).
answer() {
  local body="$WORK_DIR/answer.tmp" total
  total=$(curl -s -D - -o "$body" "$H$(path_of "$1")" | tr -d '\r' |
    awk 'tolower($1)=="x-total-count:" {print $2}')
  sed -E -i 's#<([A-Za-z]+):(ID|Prepared)>[^<]*<#<\1:\2>X<#g' "$body"
  echo "${total:--} $(wc -c <"$body") $(md5sum "$body" | cut -c1-8)"
}

# single_ms NAME: the median time_total of SINGLE sequential requests answered 200, in ms.
single_ms() {
  for _ in $(seq 1 "$SINGLE"); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$H$(path_of "$1")"; done |
    awk '$1 == 200 { print $2 }' | sort -n |
    awk '{ t[NR] = $1 } END { if (NR == 0) { printf "-"; exit }
      printf "%.2f", 1000 * (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) }'
}

# ok_count WRK_OUTPUT: the 2xx/3xx answers of a wrk run, and its seconds.
ok_count() {
  awk '$2 == "requests" && $3 == "in" { n = $1; s = $4; sub(/,$/, "", s)
         if (s ~ /ms$/) s = s / 1000; else if (s ~ /m$/) s = s * 60; else s = s + 0 }
       /Non-2xx or 3xx responses:/ { bad = $NF }
       END { printf "%d %.3f\n", n - bad, s }' "$1"
}

# measure K NAME [LABEL]: one request with wrk; a line "api" in FIGURES.
measure() {
  local k=$1 name=$2 label=${3:-$2} out="$WORK_DIR/wrk-s$1-${3:-$2}.txt" ans single a0 a1 p0 p1 ok secs load
  # shellcheck disable=SC2046 # wrk_target gives several words
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${STEP_WARMUP}s" --timeout 30s $(wrk_target "$name") >/dev/null
  idle "$name"
  ans=$(answer "$name")
  single=$(single_ms "$name")
  load=$(cut -d' ' -f1 /proc/loadavg)
  a0=$(cpu_of "$APP")
  # shellcheck disable=SC2046,SC2086
  p0=$(cpu_of $(pg_pids))
  # shellcheck disable=SC2046
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency $(wrk_target "$name") >"$out"
  a1=$(cpu_of "$APP")
  # shellcheck disable=SC2046,SC2086
  p1=$(cpu_of $(pg_pids))
  idle "$name" # before the next request's warm-up
  read -r ok secs <<<"$(ok_count "$out")"
  python3 - "$k" "$label" "$ok" "$secs" "$(wrk_figures "$out")" "$single" "$a0" "$a1" "$p0" "$p1" "$ans" "$load" <<'PY' | tee -a "$FIGURES"
import sys
k, label, ok, secs, wrk, single, a0, a1, p0, p1, ans, load = sys.argv[1:13]
ok, secs = int(ok), float(secs)
_, p50, p99, errors = wrk.split()
per = lambda c0, c1: "%.3f" % ((float(c1) - float(c0)) * 1000 / ok) if ok else "-"
print("api", k, label, "%.1f" % (ok / secs if secs else 0), p50, p99, errors, single,
      per(a0, a1), per(p0, p1), ans, load)
PY
}

# capture_sql K NAME...: the statement the app runs for each request, from PostgreSQL's log, made
# into a pgbench script WORK_DIR/sql-sK-NAME.sql (none where the log shows no statement on the
# observations). The app must run with log_min_duration_statement=0 on its connections.
capture_sql() {
  local k=$1 name start
  shift
  for name in "$@"; do
    curl -s -o /dev/null "$H$(path_of "$name")" # the totals and landmarks of this filter, once
    sleep 0.5
    start=$(stat -c %s "$PG_LOG")
    curl -s -o /dev/null "$H$(path_of "$name")"
    sleep 0.5
    rm -f "$WORK_DIR/sql-s$k-$name.sql"
    tail -c +$((start + 1)) "$PG_LOG" >"$WORK_DIR/pg-log.tmp"
    python3 - "$WORK_DIR/pg-log.tmp" "$DB" "$name" "$AREA" "$AREAS" "$WORK_DIR/sql-s$k-$name.sql" <<'PY' ||
import re, sys
log, db, name, area, areas, out = sys.argv[1:7]
me = " bench@%s " % db
statements, last = [], None
for line in open(log, errors="replace"):
    if me not in line:
        continue
    m = re.search(r"LOG:  duration: [\d.]+ ms  execute [^:]*: (.*)$", line)
    if m:
        last = [m.group(1), {}]
        statements.append(last)
        continue
    m = re.search(r"DETAIL:  parameters: (.*)$", line)
    if m and last is not None:
        last[1] = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", m.group(1)))
        last = None
# the statement on the observations: neither the release times, nor the totals and landmarks
main = [s for s in statements if " FROM observation o " in s[0] and "landmark_row" not in s[0]
        and not s[0].startswith("SELECT count(")]
if not main:
    sys.exit(1)
sql, params = main[0]
sql = re.sub(r"\$(\d+)\b", lambda m: params[m.group(1)], sql)
head = ""
if name == "series":
    # as wrk asks: one area drawn at random per transaction
    codes = areas.split()
    literal = "o.ref_area = '%s'" % area
    if literal not in sql:
        sys.exit(1)
    sql = sql.replace(literal, "o.ref_area = ('{%s}'::text[])[:i]" % ",".join(codes))
    head = "\\set i random(1, %d)\n" % len(codes)
with open(out, "w") as f:
    f.write(head + sql + ";\n")
PY
      log "size $k, $name: no statement on the observations found in PostgreSQL's log: no pgbench"
  done
}

# pgbench_run K NAME: pgbench on WORK_DIR/sql-sK-NAME.sql; a line "pgbench" in FIGURES.
pgbench_run() {
  local sql="$WORK_DIR/sql-s$1-$2.sql" prefix="$WORK_DIR/pgbench-s$1-$2" tps
  [ -f "$sql" ] || return 0
  "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$STEP_WARMUP" -f "$sql" >/dev/null 2>&1
  rm -f "$prefix".log*
  "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -f "$sql" \
    -l --log-prefix="$prefix.log" >"$prefix.out" 2>&1 || { log "pgbench $2 failed: $(tail -3 "$prefix.out")"; return 0; }
  tps=$(awk '/^tps/ {print $3; exit}' "$prefix.out")
  # the per-transaction log's third field is the latency in microseconds
  echo "pgbench $1 $2 $tps $(cat "$prefix".log* | awk '{print $3}' | sort -n |
    awk '{ t[NR] = $1 } END { printf "%.2f %.2f", t[int(NR * 0.5) + 1] / 1000, t[int(NR * 0.99) + 1] / 1000 }')" |
    tee -a "$FIGURES"
  rm -f "$prefix".log*
}

# sizes_of K DB: a line "size" in FIGURES: published rows, the database's bytes, observation's
# heap (with TOAST) and index bytes.
sizes_of() {
  echo "size $1 $2 $(psql -XAt -F' ' -c "SELECT (SELECT count(*) FROM observation WHERE valid_to IS NULL),
    pg_database_size(current_database()), pg_table_size('observation'), pg_indexes_size('observation')")" |
    tee -a "$FIGURES"
}

measure_size() {
  local k=$1 name
  DB="${DB_PREFIX}_s$k"
  pg_ready "$DB"
  settle observation
  sizes_of "$k" "$DB"
  AREAS=$(published_areas)
  if ! grep -qx "$AREA_WANTED" <<<"$AREAS"; then AREA=$(head -1 <<<"$AREAS"); else AREA=$AREA_WANTED; fi
  log "size $k ($DB): $(grep -c . <<<"$AREAS") areas, requests of $AREA"
  write_lua "$WORK_DIR/series.lua" "\"/api/v1/observations?REF_AREA=\" .. a .. \"&$SERIES_QS${PERIODS:+&$PERIODS}\"" "$AREAS" 2005 2024

  log "size $k: the SQL of each request, from PostgreSQL's log"
  as_pg "psql -Xqc 'ALTER DATABASE $DB SET log_min_duration_statement = 0'"
  run_app "$DB" "$WORK_DIR/app-sql-s$k.log" "$HEAP" -Dcoopstats.response-cache.max-bytes=0
  # shellcheck disable=SC2086 # a list of names
  capture_sql "$k" $REQUESTS
  end_app
  as_pg "psql -Xqc 'ALTER DATABASE $DB RESET log_min_duration_statement'"

  log "size $k: cache off; warm-up, query (a) for ${WARMUP}s"
  run_app "$DB" "$WORK_DIR/app-s$k.log" "$HEAP" -Dcoopstats.response-cache.max-bytes=0
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s "$WORK_DIR/series.lua" "$H" >/dev/null
  idle series
  for name in $REQUESTS; do measure "$k" "$name"; done
  end_app

  log "size $k: pgbench"
  for name in $REQUESTS; do pgbench_run "$k" "$name"; done

  log "size $k: cache on; warm-up, query (a) for ${WARMUP}s"
  run_app "$DB" "$WORK_DIR/app-cache-s$k.log" "$HEAP"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s "$WORK_DIR/series.lua" "$H" >/dev/null
  for name in $CACHED; do measure "$k" "$name" "$name+cache"; done
  end_app
}

# ---- the run ---------------------------------------------------------------------------------

if [ "${SUMMARY_ONLY:-0}" != 1 ]; then
  need_wrk
  ports_free "$PORT" "$MGMT_PORT"
  COMMIT=$(git -C "$REPO" rev-parse --verify "${1:-HEAD}^{commit}")
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $COMMIT in $WORK_DIR/app"
    package_rev "$REPO" "$COMMIT" "$WORK_DIR/app" -o
  fi
  AREA_WANTED=${AREA:-CAN}
  PG_LOG=$(pg_lsclusters -h | awk '$1 == "15" && $2 == "main" { print $7 }')
  pg_ready postgres
  trap end_app EXIT
  [ "${SKIP_LOAD:-0}" = 1 ] && LOAD_SIZES=""
  for k in ${LOAD_SIZES-$(seq 1 ${#SIZES[@]})}; do load_size "$k" "${SIZES[$((k - 1))]}" "${DB_PREFIX}_s$k"; done
  if [ "${LOAD_ONLY:-0}" = 1 ]; then
    log "loaded; LOAD_ONLY=1: not measuring"
  else
    {
      echo "# app $(cat "$WORK_DIR/app/.source-commit"), $(date -u +%FT%TZ), $(nproc) cores"
      echo "# DURATION $DURATION WARMUP $WARMUP STEP_WARMUP $STEP_WARMUP CONNECTIONS $CONNECTIONS THREADS $THREADS HEAP $HEAP JVM_OPTS $JVM_OPTS PERIODS $PERIODS"
      echo "# uptime before: $(uptime)"
    } >"$FIGURES"
    for k in $(seq 1 ${#SIZES[@]}); do
      as_pg "psql -XAtc \"SELECT 1 FROM pg_database WHERE datname = '${DB_PREFIX}_s$k'\"" | grep -q 1 ||
        { echo "no database ${DB_PREFIX}_s$k: run without SKIP_LOAD" >&2; exit 2; }
      measure_size "$k"
    done
    echo "# uptime after: $(uptime)" >>"$FIGURES"
  fi
fi

# ---- the tables ------------------------------------------------------------------------------

python3 - "$FIGURES" "$WORK_DIR" "$DB_PREFIX" "${#SIZES[@]}" "$REQUESTS" "$CACHED" <<'PY'
import glob, math, os, sys
figures, work_dir, prefix, n_sizes, requests, cached = sys.argv[1:7]
n_sizes, requests, cached = int(n_sizes), requests.split(), cached.split()
TITLES = {"series": "(a) one series",
          "area": "?REF_AREA", "measure": "?MEASURE=COOPS", "all": "no filter", "deep": "?offset=100000",
          "csv": "REF_AREA, CSV, limit=10000", "json": "REF_AREA, JSON, limit=10000", "sdmx": "SDMX-ML structure-specific, one area",
          "avail": "availableconstraint all/all/all"}
api, pgb, size, loads, notes, load_notes = {}, {}, {}, {}, [], []
if os.path.exists(figures):
    for line in open(figures):
        f = line.split()
        if not f:
            continue
        if f[0] == "#":
            notes.append(line.strip())
        elif f[0] == "api":
            api[(int(f[1]), f[2])] = f[3:]
        elif f[0] == "pgbench":
            pgb[(int(f[1]), f[2])] = f[3:]
        elif f[0] == "size":
            size[int(f[1])] = f[2:]
for k in range(1, n_sizes + 1):
    path = os.path.join(work_dir, "load-%s_s%d.txt" % (prefix, k))
    if os.path.exists(path):
        for line in open(path):
            f = line.split()
            if f and f[0] == "load":
                loads[k] = f[2:]  # db first rows chunks upload_s publish_s
            elif line.startswith(("# uptime", "# NOTE")):
                load_notes.append("size %d, loading: %s" % (k, line[2:].strip()))
def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None
def fmt(v, spec="%.2f"):
    return "-" if v is None else spec % v
def mb(v):
    return "{:,.0f} MB".format(float(v) / 2**20)
for n in list(TITLES):
    TITLES[n + "+cache"] = TITLES[n] + ", cache on"
names = requests + [n + "+cache" for n in cached]
for note in notes:
    print(note)
rows = {}
for k in range(1, n_sizes + 1):
    rows[k] = num(size[k][1]) if k in size else (num(loads[k][2]) if k in loads else None)
    if not any((k, n) in api for n in names):
        continue
    print()
    print("Size %d: %s published rows (%s)" % (
        k, "{:,.0f}".format(rows[k]) if rows[k] else "?", size[k][0] if k in size else "?"))
    print()
    print("wrk's p50/p99 count every answer, the query bulkhead's quick 503s too (errors): for a heavy"
          " request see one request ms. CPU per 2xx answer; PostgreSQL's is all of its processes'.")
    print()
    print("| request | answer: total / bytes / md5 | req/s (2xx) | p50 ms | p99 ms | errors | one request ms | app CPU ms/req | PostgreSQL CPU ms/req | pgbench tps | pgbench p50 ms | API / pgbench |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in names:
        a = api.get((k, n))
        if not a:
            continue
        # a cached request against pgbench on the same SQL
        p = pgb.get((k, n[: -len("+cache")] if n.endswith("+cache") else n))
        ratio = "%.0f %%" % (100 * float(a[0]) / float(p[0])) if p and num(p[0]) else "-"
        print("| %s | %s / %s / %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            TITLES.get(n, n), a[7], a[8], a[9], a[0], a[1], a[2], a[3], a[4], a[5], a[6],
            "%.0f" % float(p[0]) if p else "-", p[1] if p else "-", ratio))
# latency ratios to size 1 and the extrapolation to 100 M
measured = [k for k in range(1, n_sizes + 1) if rows.get(k) and any((k, n) in api for n in names)]
if len(measured) >= 2:
    base = measured[0]
    print()
    heads = ["p50 s%d/s%d" % (k, base) for k in measured[1:]] + ["one request s%d/s%d" % (k, base) for k in measured[1:]]
    heads += ["req/s s%d/s%d" % (k, base) for k in measured[1:]]
    print("Ratios to size %d (latency: 1.00 = flat, target <= 1.2); the last two columns are an EXTRAPOLATION"
          " to 100 M rows: a power law (latency ~ rows^e) fitted through the measured one-request latencies." % base)
    print()
    print("| request | " + " | ".join(heads) + " | exponent e | one request at 100 M (extrapolated) |")
    print("|---|" + "---:|" * (len(heads) + 2))
    for n in names:
        if not all((k, n) in api for k in measured):
            continue
        r = lambda k, i: num(api[(k, n)][i]) / num(api[(base, n)][i]) if num(api[(base, n)][i]) else None
        cells = [fmt(r(k, 1)) for k in measured[1:]] + [fmt(r(k, 4)) for k in measured[1:]] + [fmt(r(k, 0)) for k in measured[1:]]
        xs = [math.log(rows[k]) for k in measured]
        ys = [math.log(max(num(api[(k, n)][4]), 1e-3)) for k in measured]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        e = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        at = math.exp(my + e * (math.log(1e8) - mx))
        print("| %s | %s | %.2f | %.1f ms |" % (TITLES.get(n, n), " | ".join(cells), e, at))
if loads or size:
    print()
    print("Sizes and loading (upload: the chunks as jobs, merged into one draft; publish: the one release)")
    print()
    print("| size | first year | published rows | database | observation heap | observation indexes | chunks | upload s | publish s | upload + publish rows/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    per_row = []
    for k in range(1, n_sizes + 1):
        s, l = size.get(k), loads.get(k)
        if not s and not l:
            continue
        n_rows = num(s[1]) if s else num(l[2])
        total_s = num(l[4]) + num(l[5]) if l else None
        if s and l:
            per_row.append((n_rows, float(s[2]), float(s[3]), float(s[4]), num(l[4]), num(l[5])))
        print("| %d | %s | {:,.0f} | %s | %s | %s | %s | %s | %s | %s |".format(n_rows) % (
            k, l[1] if l else "-", mb(s[2]) if s else "-", mb(s[3]) if s else "-", mb(s[4]) if s else "-",
            l[3] if l else "-", l[4] if l else "-", l[5] if l else "-",
            "{:,.0f}".format(n_rows / total_s) if total_s else "-"))
    if per_row:
        # bytes and seconds per row of the largest measured size, times 100 M: an extrapolation
        n_rows, db_b, heap_b, idx_b, up_s, pub_s = max(per_row)
        f = 1e8 / n_rows
        print("| 100 M (EXTRAPOLATED, linear from the largest size) | | 100,000,000 | %s | %s | %s | | %.0f | %.0f | |" % (
            mb(db_b * f), mb(heap_b * f), mb(idx_b * f), up_s * f, pub_s * f))
    if load_notes:
        print()
        for note in load_notes:
            print("- " + note)
print()
print("raw outputs in %s" % work_dir)
PY
