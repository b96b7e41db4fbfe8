#!/usr/bin/env bash
# Query benchmark: the API (wrk) against the same SQL run straight on PostgreSQL (pgbench), in
# one run, same database, same connection count, same duration.
#
#   (a) series:        one series, <= 30 observations (20 here: 2005-2024)
#       GET /api/v1/observations?REF_AREA=X&MEASURE=COOPS&COOP_TYPE=_T&COOP_LEVEL=_T&ACTIVITY=_T
#           &SEX=_Z&MEMBER_KIND=_Z&WORK_CAT=_Z                  (default limit 100: one page)
#   (b) cross-section: one area, one year, every series
#       GET /api/v1/observations?REF_AREA=X&startPeriod=Y&endPeriod=Y&limit=1000
#
# X (and Y) are drawn at random per request from every area of the published data (wrk Lua)
# and per transaction (pgbench \set + random()). The pgbench SQL is the SELECT that
# ObservationQueryRepository.find builds for these parameters: same joins, filters, ORDER BY,
# LIMIT/OFFSET, run as a prepared statement (-M prepared) as pgjdbc does after 5 executions.
#
# Environment (defaults): API=http://localhost:8080, PGHOST=localhost, PGPORT=5432,
# PGUSER=bench, PGPASSWORD=bench, PGDATABASE=coopstats_bench, CONNECTIONS=32, THREADS=2,
# DURATION=30 (s per measurement), WARMUP=90 (s of API warm-up per query: on 2 busy cores the
# app reaches its steady state after ~75 s of load), WORK_DIR=/tmp/coopstats-bench-run,
# APP_PID (the java process, for its CPU share; found from the port if unset), OTHER_MAX=0.15
# (cores used by other processes above which a pair of runs is repeated), MAX_TRIES=3,
# QUIET_WAIT=600 (s to wait for an idle machine before each pair), PG_DATA (for the postmaster pid),
# PGBENCH=/usr/lib/postgresql/15/bin/pgbench.
set -euo pipefail

API=${API:-http://localhost:8080}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-bench}
export PGPASSWORD=${PGPASSWORD:-bench} PGDATABASE=${PGDATABASE:-coopstats_bench}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-90}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-bench-run}
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
CROSS_LIMIT=${CROSS_LIMIT:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh" # published_areas, write_lua, write_series_lua, SERIES_QS

case "$API" in
  http://localhost:* | http://127.0.0.1:*) ;;
  *) echo "API must be on localhost, got $API" >&2; exit 2 ;;
esac
case "$PGHOST" in
  localhost | 127.0.0.1 | /*) ;;
  *) echo "PGHOST must be local, got $PGHOST" >&2; exit 2 ;;
esac
need_wrk
[ -x "$PGBENCH" ] || { echo "pgbench not found at $PGBENCH" >&2; exit 2; }

mkdir -p "$WORK_DIR"
port=${API##*:}
port=${port%%/*}
if [ -z "${APP_PID:-}" ]; then
  APP_PID=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
fi

psql_q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }

# --- what the service holds -------------------------------------------------------------------
psql_q "ANALYZE observation; ANALYZE dataset;" >/dev/null
AREAS=$(published_areas)
N_AREAS=$(echo "$AREAS" | grep -c .)
[ "$N_AREAS" -gt 0 ] || { echo "no published COOPS totals: load the data first" >&2; exit 1; }
read -r OBS MAX_SERIES MAX_CROSS YEAR_MIN YEAR_MAX <<<"$(psql_q "
  SELECT (SELECT count(*) FROM observation o JOIN dataset d ON d.id = o.dataset_id WHERE d.status = 'PUBLISHED'),
         (SELECT max(n) FROM (SELECT count(*) n FROM observation WHERE measure = 'COOPS' AND coop_type = '_T'
            AND coop_level = '_T' AND activity = '_T' GROUP BY ref_area) s),
         (SELECT max(n) FROM (SELECT count(*) n FROM observation GROUP BY ref_area, time_period) c),
         (SELECT min(extract(year FROM period_start))::int FROM observation),
         (SELECT max(extract(year FROM period_start))::int FROM observation)" | tr '|' ' ')"
echo "published observations: $OBS; areas: $N_AREAS; years $YEAR_MIN-$YEAR_MAX"
echo "largest series: $MAX_SERIES observations; largest one-area-one-year cross-section: $MAX_CROSS (page limit $CROSS_LIMIT)"
if [ "$MAX_CROSS" -gt "$CROSS_LIMIT" ]; then
  echo "WARNING: some cross-sections exceed one page of $CROSS_LIMIT; the API and pgbench both return the first page" >&2
fi

# --- the scripts: wrk Lua and pgbench SQL over the same areas -----------------------------------
pg_array="'{$(echo "$AREAS" | paste -sd, -)}'::text[]"
write_series_lua "$WORK_DIR/series.lua" "$AREAS"
write_lua "$WORK_DIR/cross.lua" \
  "\"/api/v1/observations?REF_AREA=\" .. a .. \"&startPeriod=\" .. y .. \"&endPeriod=\" .. y .. \"&limit=$CROSS_LIMIT\"" \
  "$AREAS" "$YEAR_MIN" "$YEAR_MAX"

# The SQL of one request, as ObservationQueryRepository.find builds it (from c614a46 to b4ce345 a
# request also read the last change first; that is now read once a second): columns, join, WHERE in dimension
# order, ORDER BY, LIMIT/OFFSET. Which version the schema has decides which SQL.
FROM="FROM observation o JOIN dataset d ON d.id = o.dataset_id"
AREA_PICK="($pg_array)[:i]" # one code: the API binds '= ?' for a dimension given one code
LIFECYCLE=$(psql_q "SELECT count(*) FROM information_schema.columns WHERE table_name = 'observation' AND column_name = 'valid_from'")
if [ "$LIFECYCLE" = 1 ]; then
  # AS_OF now: the app binds OffsetDateTime.now(); here the moment the scripts are written (nothing
  # is published during the run, so the same rows are visible).
  NOW="'$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)'::timestamptz"
  # Since b4ce345 the app reads the release times (for ETag) at most once a second, not per
  # request, so a request is one statement.
  PRE=""
  COLUMNS="o.dataset_id, d.provider_id, o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.time_period, o.obs_value, o.obs_status, o.conf_status, o.unit_measure, o.unit_mult, o.comment_obs, o.valid_from, o.valid_to, NULL"
  VISIBLE="o.valid_from <= $NOW AND (o.valid_to IS NULL OR o.valid_to > $NOW)"
  ORDER="ORDER BY o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.period_start, o.time_period, o.dataset_id, o.valid_from"
  echo "schema with validity intervals: each request is 1 statement (the page)"
else
  PRE=""
  COLUMNS="o.dataset_id, d.provider_id, o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.time_period, o.obs_value, o.obs_status, o.conf_status, o.unit_measure, o.unit_mult, o.comment_obs"
  VISIBLE="d.status = 'PUBLISHED'"
  ORDER="ORDER BY o.ref_area, o.measure, o.coop_type, o.coop_level, o.activity, o.sex, o.member_kind, o.work_cat, o.period_start, o.time_period, o.dataset_id"
fi
cat >"$WORK_DIR/series.sql" <<EOF
\set i random(1, $N_AREAS)
\set lim 100
\set off 0
$PRE
SELECT $COLUMNS $FROM WHERE true AND $VISIBLE AND o.ref_area = $AREA_PICK AND o.measure = 'COOPS' AND o.coop_type = '_T' AND o.coop_level = '_T' AND o.activity = '_T' AND o.sex = '_Z' AND o.member_kind = '_Z' AND o.work_cat = '_Z' $ORDER LIMIT :lim OFFSET :off;
EOF
cat >"$WORK_DIR/cross.sql" <<EOF
\set i random(1, $N_AREAS)
\set y random($YEAR_MIN, $YEAR_MAX)
\set lim $CROSS_LIMIT
\set off 0
$PRE
SELECT $COLUMNS $FROM WHERE true AND $VISIBLE AND o.ref_area = $AREA_PICK AND o.period_start >= make_date(:y, 1, 1) AND o.period_end <= make_date(:y, 12, 31) $ORDER LIMIT :lim OFFSET :off;
EOF

# --- sanity: both sides return the same rows for one example ----------------------------------
EX_AREA=$(echo "$AREAS" | sed -n "$(( (N_AREAS + 1) / 2 ))p")
api_items() { curl -sS --max-time 30 "$API/api/v1/observations?$1" | python3 -c 'import json,sys; b=json.load(sys.stdin); print(len(b["items"]), b["total"])'; }
read -r s_items s_total <<<"$(api_items "REF_AREA=$EX_AREA&$SERIES_QS")"
read -r c_items c_total <<<"$(api_items "REF_AREA=$EX_AREA&startPeriod=$YEAR_MAX&endPeriod=$YEAR_MAX&limit=$CROSS_LIMIT")"
i_ex=$(echo "$AREAS" | grep -n "^$EX_AREA\$" | cut -d: -f1)
sql_rows() { sed -e '/^\\set/d' -e "s/:i\b/$i_ex/g" -e "s/:y\b/$YEAR_MAX/g" -e "s/:lim\b/$2/" -e 's/:off\b/0/' "$1" | grep -v '^$' | tail -1 | psql -X -q -A -t | wc -l; }
s_sql=$(sql_rows "$WORK_DIR/series.sql" 100)
c_sql=$(sql_rows "$WORK_DIR/cross.sql" "$CROSS_LIMIT")
echo "check $EX_AREA: series API $s_items items (total $s_total) / SQL $s_sql rows; cross-section $YEAR_MAX API $c_items (total $c_total) / SQL $c_sql rows"
if [ "$s_items" != "$s_sql" ] || [ "$c_items" != "$c_sql" ]; then
  echo "API and SQL disagree: not the same query" >&2
  exit 1
fi

# --- measuring ---------------------------------------------------------------------------------
# CPU is accounted from /proc: the whole machine, the app (APP_PID), PostgreSQL (the postmaster
# of PG_DATA, its live children, and its reaped children through cutime/cstime), the client
# (wrk/pgbench, by /usr/bin/time) and "other" = the rest: anything else running on the machine
# (another build or test run). A pair of runs with other > OTHER_MAX cores is repeated.
PG_DATA=${PG_DATA:-/var/lib/postgresql/15/main}
PG_PID=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
OTHER_MAX=${OTHER_MAX:-0.15}
MAX_TRIES=${MAX_TRIES:-3}
QUIET_WAIT=${QUIET_WAIT:-600}
TCK=$(getconf CLK_TCK)
NCPU=$(nproc)

app_ticks() { if [ -n "$APP_PID" ] && [ -r "/proc/$APP_PID/stat" ]; then awk '{print $14+$15}' "/proc/$APP_PID/stat"; else echo 0; fi; }
pg_ticks() {
  if [ -z "$PG_PID" ] || [ ! -r "/proc/$PG_PID/stat" ]; then echo 0; return; fi
  local kids
  kids=$(ps -o pid= --ppid "$PG_PID" | tr -d ' ' | sed 's|.*|/proc/&/stat|')
  # shellcheck disable=SC2086
  cat "/proc/$PG_PID/stat" $kids 2>/dev/null |
    awk -v pm="$PG_PID" '$1 == pm {s += $14 + $15 + $16 + $17; next} {s += $14 + $15} END {print s + 0}'
}
snapshot() { echo "$(awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat) $(app_ticks) $(pg_ticks)"; }

# Waits (at most QUIET_WAIT s) until the machine is idle: under 0.3 cores busy over 3 s.
wait_quiet() {
  local waited=0 b0 a0 p0 b1 a1 p1 busy
  while :; do
    read -r b0 a0 p0 <<<"$(snapshot)"
    sleep 3
    read -r b1 a1 p1 <<<"$(snapshot)"
    busy=$(echo "($b1 - $b0) / $TCK / 3" | bc -l)
    if [ "$(echo "$busy < 0.3" | bc)" = 1 ]; then return 0; fi
    waited=$((waited + 3))
    if [ "$waited" -ge "$QUIET_WAIT" ]; then
      printf '  machine still busy (%.2f cores) after %d s: measuring anyway\n' "$busy" "$waited"
      return 0
    fi
    if [ $((waited % 30)) -lt 3 ]; then
      printf '  waiting for the machine to be idle: %.2f cores busy (app %.2f, PostgreSQL %.2f)\n' \
        "$busy" "$(echo "($a1 - $a0) / $TCK / 3" | bc -l)" "$(echo "($p1 - $p0) / $TCK / 3" | bc -l)"
    fi
  done
}

# measure NAME KIND(wrk|pgbench) SCRIPT SECONDS: runs it, writes $WORK_DIR/NAME.res:
# tput p50_ms p99_ms count errors busy app client pg other (CPU in cores)
measure() {
  local name=$1 kind=$2 script=$3 secs=$4
  local b0 a0 p0 b1 a1 p1 t0 t1 cu cs
  read -r b0 a0 p0 <<<"$(snapshot)"
  t0=$(date +%s.%N)
  if [ "$kind" = wrk ]; then
    /usr/bin/time -f '%U %S' -o "$WORK_DIR/$name.time" \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s --latency -s "$script" "$API" \
      >"$WORK_DIR/$name.out" 2>&1
  else
    rm -f "$WORK_DIR/$name.log"*
    /usr/bin/time -f '%U %S' -o "$WORK_DIR/$name.time" \
      "$PGBENCH" -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$secs" -f "$script" \
      -l --log-prefix="$WORK_DIR/$name.log" >"$WORK_DIR/$name.out" 2>&1
  fi
  t1=$(date +%s.%N)
  read -r b1 a1 p1 <<<"$(snapshot)"
  read -r cu cs <"$WORK_DIR/$name.time"
  python3 - "$WORK_DIR" "$name" "$kind" "$t0" "$t1" "$b0" "$b1" "$a0" "$a1" "$p0" "$p1" "$cu" "$cs" "$TCK" "$NCPU" <<'PY'
import glob, re, sys
wd, name, kind = sys.argv[1:4]
t0, t1 = float(sys.argv[4]), float(sys.argv[5])
b0, b1, a0, a1, p0, p1 = map(int, sys.argv[6:12])
cu, cs = float(sys.argv[12]), float(sys.argv[13])
tck, ncpu = int(sys.argv[14]), int(sys.argv[15])
out = open("%s/%s.out" % (wd, name)).read()
errors = 0
if kind == "wrk":
    tput = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(label):
        m = re.search(r"\n\s+%s\s+([\d.]+)(us|ms|s)\b" % re.escape(label), out)
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
    p50, p99 = ms("50%"), ms("99%")
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors += sum(map(int, m.groups())) if m else 0
    count = int(re.search(r"(\d+) requests in", out).group(1))
else:
    tput = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))
    lat = []
    for f in glob.glob("%s/%s.log*" % (wd, name)):
        for line in open(f):
            lat.append(int(line.split()[2]))
    lat.sort()
    q = lambda x: lat[min(len(lat) - 1, int(x * len(lat)))] / 1000.0
    p50, p99 = q(0.50), q(0.99)
    m = re.search(r"number of failed transactions: (\d+)", out)
    errors += int(m.group(1)) if m else 0
    count = len(lat)
wall = t1 - t0
busy = (b1 - b0) / tck / wall
app = (a1 - a0) / tck / wall
pg = (p1 - p0) / tck / wall
client = (cu + cs) / wall
other = max(0.0, busy - app - pg - client)
with open("%s/%s.res" % (wd, name), "w") as f:
    f.write("%.1f %.2f %.2f %d %d %.2f %.2f %.2f %.2f %.2f\n"
            % (tput, p50, p99, count, errors, busy, app, client, pg, other))
print("  %-16s %8.1f /s  p50 %7.2f ms  p99 %7.2f ms  n=%d errors=%d  cores (of %d): all %.2f app %.2f client %.2f pg %.2f other %.2f"
      % (name, tput, p50, p99, count, errors, ncpu, busy, app, client, pg, other))
PY
}

# measure_pair QUERY SECONDS: API then pgbench, repeated while something else loaded the machine.
measure_pair() {
  local q=$1 secs=$2 try other
  for try in $(seq 1 "$MAX_TRIES"); do
    wait_quiet
    measure "$q-api" wrk "$WORK_DIR/$q.lua" "$secs"
    measure "$q-sql" pgbench "$WORK_DIR/$q.sql" "$secs"
    other=$(cat "$WORK_DIR/$q-api.res" "$WORK_DIR/$q-sql.res" | awk '{if ($10 > m) m = $10} END {print m + 0}')
    if [ "$(echo "$other <= $OTHER_MAX" | bc)" = 1 ]; then return 0; fi
    echo "  other processes used up to $other cores during try $try: repeating the pair"
  done
  echo "  WARNING: $q measured with other load on the machine (see the 'other' column)"
}

PG_WARMUP=$(( WARMUP < 10 ? WARMUP : 10 ))
echo "warm-up, not counted: API ${WARMUP}s per query (JIT, pools), pgbench ${PG_WARMUP}s per query (caches)"
measure warm-series-api wrk "$WORK_DIR/series.lua" "$WARMUP"
measure warm-cross-api wrk "$WORK_DIR/cross.lua" "$WARMUP"
measure warm-series-sql pgbench "$WORK_DIR/series.sql" "$PG_WARMUP"
measure warm-cross-sql pgbench "$WORK_DIR/cross.sql" "$PG_WARMUP"

echo "measuring: ${DURATION}s each, $CONNECTIONS connections, $THREADS client threads"
measure_pair series "$DURATION"
measure_pair cross "$DURATION"

# --- the table ---------------------------------------------------------------------------------
python3 - "$WORK_DIR" "$CONNECTIONS" "$DURATION" "$CROSS_LIMIT" <<'PY' | tee "$WORK_DIR/results.md"
import sys
wd, conns, dur, lim = sys.argv[1:5]
def res(n):
    v = open("%s/%s.res" % (wd, n)).read().split()
    return [float(x) for x in v]
print()
print("| query | API req/s | API p50 ms | API p99 ms | pgbench tps | pgbench p50 ms | pgbench p99 ms | API / pgbench throughput |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for label, n in (("(a) one series (20 obs)", "series"), ("(b) one area x one year (limit %s)" % lim, "cross")):
    a, s = res(n + "-api"), res(n + "-sql")
    print("| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f %% |" % (label, a[0], a[1], a[2], s[0], s[1], s[2], 100 * a[0] / s[0]))
print()
print("CPU during each run, in cores of the machine's: all, the app (java), the client (wrk/pgbench),")
print("PostgreSQL (all its processes), other (anything else); per request: app and PostgreSQL CPU time.")
print()
print("| run | all | app | client | PostgreSQL | other | app ms/req | PostgreSQL ms/req | errors |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in ("series-api", "series-sql", "cross-api", "cross-sql"):
    r = res(n)
    print("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |"
          % (n, r[5], r[6], r[7], r[8], r[9], 1000 * r[6] / r[0], 1000 * r[8] / r[0], r[4]))
a = res("series-api")
ratio = a[0] / res("series-sql")[0]
print()
print("Target for (a): p99 <= 50 ms -> %s (%.2f ms); API >= 50 %% of pgbench -> %s (%.0f %%)"
      % ("met" if a[2] <= 50 else "MISSED", a[2], "met" if ratio >= 0.5 else "MISSED", 100 * ratio))
PY
echo "raw outputs in $WORK_DIR"
