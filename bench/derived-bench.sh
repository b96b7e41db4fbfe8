#!/usr/bin/env bash
# Tables and indicators against the plain queries they are built from (issue #15, item 5), side by
# side in one run, on a benchmark database (scale-bench.sh's coopstats_scale_s1 by default) given
# CONTEXT population figures for each of its areas.
#
#   bench/derived-bench.sh [REV]     (REV default HEAD; as root; PostgreSQL 15, wrk, python3)
#
# 1. packages REV (unless SKIP_BUILD=1) and starts it with the response cache off: the cost of a
#    miss, the first reader after a release (a hit costs the same whatever made the answer);
# 2. once per database: a CONTEXT dataset of provider BENCHCTX with a population (POP, SEX _T) for
#    every area with cooperatives and every year 2005-2024 (made-up, deterministic figures);
# 3. for ROUNDS rounds, each request of REQUESTS in turn (so the pairs are measured side by side):
#    the median of SINGLE sequential requests (curl, one connection: latency alone), then wrk at
#    CONNECTIONS connections, STEP_WARMUP s then DURATION s: 2xx req/s, p50, p99, errors, and the
#    app's CPU per 2xx answer;
# 4. prints a table per request (medians over the rounds) and the ratio of each derived request to
#    the plain query it is built from.
#
# Requests (AREA, default CAN; PERIODS startPeriod=2005&endPeriod=2024):
#   plain      the numerator of COOPS_PER_100K: one series, 20 observations (query (a))
#   indicator  COOPS_PER_100K for the area: 20 values, each two inputs (the series and CONTEXT's
#              population), with origins
#   plain_area the same area's cooperatives by type and activity (what a table of one area reads)
#   table      TABLE (default the first table listed) for the area and TABLE_PERIOD (2021)
#
# Environment (defaults): DB (coopstats_scale_s1), AREA (CAN), REQUESTS ("plain indicator"; add
# "plain_area table" where /api/v1/tables exists), ROUNDS (2), DURATION (20), STEP_WARMUP (5),
# WARMUP (30: query (a) after the start, for the JIT), CONNECTIONS (32), THREADS (2), SINGLE (20),
# HEAP (512m), PORT (8160), MGMT_PORT (9160), WORK_DIR (/tmp/coopstats-derived-bench), SKIP_BUILD.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

REV=${1:-HEAD}
DB=${DB:-coopstats_scale_s1}
AREA=${AREA:-CAN}
PERIODS=${PERIODS-startPeriod=2005&endPeriod=2024}
REQUESTS=${REQUESTS:-plain indicator}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20}
STEP_WARMUP=${STEP_WARMUP:-5}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SINGLE=${SINGLE:-20}
HEAP=${HEAP:-512m}
PORT=${PORT:-8160}
MGMT_PORT=${MGMT_PORT:-9160}
TABLE_PERIOD=${TABLE_PERIOD:-2021}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-derived-bench}
SKIP_BUILD=${SKIP_BUILD:-0}
H="http://localhost:$PORT"
FIGURES="$WORK_DIR/figures.txt"

need_wrk
ports_free "$PORT" "$MGMT_PORT"
pg_ready "$DB"
mkdir -p "$WORK_DIR"
REPO=$(cd "$HERE/.." && pwd)
if [ "$SKIP_BUILD" != 1 ]; then
  log "packaging $REV in $WORK_DIR/app"
  package_rev "$REPO" "$REV" "$WORK_DIR/app" -o
fi
trap end_app EXIT
start_app "$WORK_DIR/app/target/quarkus-app/quarkus-run.jar" "$DB" "$PORT" "$MGMT_PORT" \
  "$WORK_DIR/app.log" -Xmx"$HEAP" -XX:+UseParallelGC -Dcoopstats.response-cache.max-bytes=0

# ---- CONTEXT data, once per database ------------------------------------------------------------
if [ "$(psql -XAtc "SELECT count(*) FROM dataset WHERE provider_id = 'BENCHCTX' AND status = 'PUBLISHED'")" = 0 ]; then
  log "loading a CONTEXT population for every area"
  curl -sf -u "$AUTH" -X POST "$B/providers" -H 'Content-Type: application/json' \
    -d '{"id":"BENCHCTX","name":"Benchmark reference figures"}' >/dev/null || true
  ctx=$(curl -sf -u "$AUTH" -X POST "$B/datasets" -H 'Content-Type: application/json' \
    -d '{"providerId":"BENCHCTX","title":"Population (made up)","sourceKind":"ESTIMATE","periodBasis":"CALENDAR_YEAR","structure":"CONTEXT","source":"derived-bench.sh"}' |
    python3 -c 'import sys, json; print(json.load(sys.stdin)["id"])')
  published_areas | python3 -c '
import sys, zlib
print("REF_AREA,MEASURE,SEX,TIME_PERIOD,OBS_VALUE")
for area in sys.stdin.read().split():
    base = 100000 + zlib.crc32(area.encode()) % 200000000
    for year in range(2005, 2025):
        print("%s,POP,_T,%d,%d" % (area, year, base + 1000 * (year - 2005)))
' >"$WORK_DIR/population.csv"
  curl -sf -u "$AUTH" -X POST "$B/datasets/$ctx/observations" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK_DIR/population.csv" >/dev/null
  curl -sf -u "$AUTH" -X POST "$B/datasets/$ctx/publish" >/dev/null
fi
TABLE=${TABLE:-$(curl -s "$B/tables" | python3 -c 'import sys, json
try: print(json.load(sys.stdin)["items"][0]["id"])
except Exception: print("")')}

path_of() {
  local p=${PERIODS:+&$PERIODS}
  case "$1" in
    plain) echo "/api/v1/observations?REF_AREA=$AREA&$SERIES_QS$p" ;;
    indicator) echo "/api/v1/indicators/COOPS_PER_100K/values?REF_AREA=$AREA$p" ;;
    plain_area) echo "/api/v1/observations?REF_AREA=$AREA&MEASURE=COOPS&COOP_LEVEL=_T&startPeriod=$TABLE_PERIOD&endPeriod=$TABLE_PERIOD&limit=1000" ;;
    table) echo "/api/v1/tables/$TABLE/data?REF_AREA=$AREA&TIME_PERIOD=$TABLE_PERIOD" ;;
    *) echo "unknown request $1" >&2; return 1 ;;
  esac
}

single_ms() {
  for _ in $(seq 1 "$SINGLE"); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$H$(path_of "$1")"; done |
    awk '$1 == 200 { print $2 }' | sort -n |
    awk '{ t[NR] = $1 } END { if (NR == 0) { printf "-"; exit }
      printf "%.2f", 1000 * (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) }'
}

log "warm-up: query (a) for ${WARMUP}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$H$(path_of plain)" >/dev/null
: >"$FIGURES"
for round in $(seq 1 "$ROUNDS"); do
  for name in $REQUESTS; do
    code=$(curl -s -o "$WORK_DIR/answer-$name.json" -w '%{http_code}' "$H$(path_of "$name")")
    [ "$code" = 200 ] || { log "$name answered $code: $(head -c 300 "$WORK_DIR/answer-$name.json")"; continue; }
    bytes=$(wc -c <"$WORK_DIR/answer-$name.json")
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${STEP_WARMUP}s" "$H$(path_of "$name")" >/dev/null
    single=$(single_ms "$name")
    a0=$(cpu_of "$APP")
    out="$WORK_DIR/wrk-$name-$round.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$H$(path_of "$name")" >"$out"
    a1=$(cpu_of "$APP")
    ok=$(awk '$2 == "requests" && $3 == "in" { n = $1 } /Non-2xx or 3xx responses:/ { bad = $NF }
      END { print n - bad }' "$out")
    echo "$round $name $bytes $single $(wrk_figures "$out") $ok $a0 $a1 $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$FIGURES"
  done
done

python3 - "$FIGURES" "$DURATION" <<'PY'
import sys, statistics
rows, duration = {}, float(sys.argv[2])
for line in open(sys.argv[1]):
    r, name, size, single, rps, p50, p99, errors, ok, a0, a1, load = line.split()
    cpu = (float(a1) - float(a0)) * 1000 / int(ok) if int(ok) else float("nan")
    rows.setdefault(name, []).append((float(single), float(rps), float(p50), float(p99), int(errors), cpu, float(load), int(size)))
med = lambda xs: statistics.median(xs)
print("| request | bytes | one request ms | req/s (2xx) | p50 ms | p99 ms | errors | app CPU ms/req | load |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, rs in rows.items():
    print("| %s | %d | %.2f | %.1f | %.2f | %.2f | %d | %.3f | %.1f |" % (name, rs[0][7], med([x[0] for x in rs]),
          med([x[1] for x in rs]), med([x[2] for x in rs]), med([x[3] for x in rs]), sum(x[4] for x in rs),
          med([x[5] for x in rs]), med([x[6] for x in rs])))
for derived, plain in (("indicator", "plain"), ("table", "plain_area")):
    if derived in rows and plain in rows:
        d, p = rows[derived], rows[plain]
        print("\n%s / %s: one request %.2fx, req/s %.2fx, app CPU per answer %.2fx" % (derived, plain,
              med([x[0] for x in d]) / med([x[0] for x in p]), med([x[1] for x in d]) / med([x[1] for x in p]),
              med([x[5] for x in d]) / med([x[5] for x in p])))
PY
