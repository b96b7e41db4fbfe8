#!/usr/bin/env bash
# The SDMX 3.0 API's data exports beside the SDMX 2.1 API's, in one run of one revision (issue 18):
# the whole dataflow (ROWS generated rows, published once) and one area's data, as SDMX-CSV 1.0 on
# /sdmx/v2.1 and as SDMX-CSV 2.0, SDMX-JSON 2.0 and SDMX-ML 3.0 on /sdmx/v3, plus /sdmx/v3 with
# filters the database applies (c[REF_AREA], c[TIME_PERIOD] range) and filters applied as the rows
# stream (c[OBS_VALUE], c[OBS_STATUS]=ne:, several keys, offset and limit); and availability in
# mode exact and available. Each query ROUNDS times, the queries interleaved round by round (the
# machine is shared), the best and median time printed with bytes and observations per second,
# and the ratio to the SDMX 2.1 CSV export of the same data. The heap is capped (HEAP): the answers
# stream whatever their size.
#
#   bench/sdmx3-bench.sh [REV]     (as root; PostgreSQL 15, python3; REV defaults to HEAD)
#
# Environment (defaults): ROWS (1540000), ROUNDS (3), HEAP (256m), PORT (8131), MGMT_PORT (9131),
# WORK_DIR (/tmp/coopstats-sdmx3-bench), SKIP_BUILD (0), SKIP_LOAD (0: 1 reuses the database).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-1540000}
ROUNDS=${ROUNDS:-3}
HEAP=${HEAP:-256m}
PORT=${PORT:-8131}
MGMT_PORT=${MGMT_PORT:-9131}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-sdmx3-bench}
DB=coopstats_sdmx3_bench
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
REVISION=$(git -C "$REPO" rev-parse --verify "${1:-HEAD}^{commit}")
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
: >"$FIGURES"
echo "revision $REVISION; uptime before: $(uptime)" | tee -a "$FIGURES"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging $REVISION in $WORK_DIR/app"
  package_rev "$REPO" "$REVISION" "$WORK_DIR/app" -o
fi
run_app() {
  start_app "$WORK_DIR/app/target/quarkus-app/quarkus-run.jar" "$DB" "$PORT" "$MGMT_PORT" \
    "$WORK_DIR/app.log" -Xmx"$HEAP" -XX:+UseParallelGC -Xlog:gc:file="$WORK_DIR/gc.log"
}
pg_ready "$DB"
trap stop_app EXIT
if [ "${SKIP_LOAD:-0}" != 1 ]; then
  fresh_db "$DB"
  log "generating about $ROWS rows"
  bench_rows "$WORK_DIR/data" "$ROWS"
  run_app
  new_provider BENCH
  DS=$(new_dataset "SDMX 3.0 export data")
  timed_upload "$DS" "$CSV"
  [ "$STATUS" = SUCCEEDED ] || { log "the upload ended $STATUS"; exit 1; }
  curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
  settle observation
  stop_app
fi
TOTAL=$(psql -XAtc 'SELECT count(*) FROM observation')
AREA=$(published_areas | head -1)
AREA_ROWS=$(psql -XAtc "SELECT count(*) FROM observation WHERE ref_area = '$AREA'")
echo "published rows: $TOTAL; area $AREA: $AREA_ROWS rows" | tee -a "$FIGURES"

V2="/sdmx/v2.1/data/COOP_STATS"
V3="/sdmx/v3/data/dataflow/COOPSTATS/COOP_STATS/+"
# name|rows it reads (for obs/s)|path|Accept
QUERIES=(
  "all v2.1 csv-1.0|$TOTAL|$V2?format=csv|text/csv"
  "all v3 csv-2.0|$TOTAL|$V3|text/csv"
  "all v3 json-2.0|$TOTAL|$V3|application/vnd.sdmx.data+json;version=2.0.0"
  "all v3 ml-3.0|$TOTAL|$V3|application/vnd.sdmx.data+xml;version=3.0.0"
  "all v3 csv c[OBS_VALUE]=gt:1000 (streamed)|$TOTAL|$V3?c%5BOBS_VALUE%5D=gt:1000|text/csv"
  "all v3 csv c[OBS_STATUS]=ne:E (streamed)|$TOTAL|$V3?c%5BOBS_STATUS%5D=ne:E|text/csv"
  "all v3 csv offset=1000000&limit=1000 (streamed)|$TOTAL|$V3?offset=1000000&limit=1000|text/csv"
  "area v2.1 csv-1.0|$AREA_ROWS|$V2/$AREA.......?format=csv|text/csv"
  "area v3 csv key|$AREA_ROWS|$V3/$AREA|text/csv"
  "area v3 csv c[REF_AREA] (database)|$AREA_ROWS|$V3?c%5BREF_AREA%5D=$AREA|text/csv"
  "area v3 csv c[TIME_PERIOD]=ge:2015+le:2019 (database)|$AREA_ROWS|$V3/$AREA?c%5BTIME_PERIOD%5D=ge:2015%2Ble:2019|text/csv"
  "area v3 json-2.0|$AREA_ROWS|$V3/$AREA|application/vnd.sdmx.data+json;version=2.0.0"
  "availability v2.1 all/all/all|$TOTAL|/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all|application/xml"
  "availability v3 exact|$TOTAL|/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/$AREA|application/vnd.sdmx.structure+json;version=2.0.0"
  "availability v3 available|$TOTAL|/sdmx/v3/availability/dataflow/COOPSTATS/COOP_STATS/+/$AREA.COOPS/*?mode=available|application/vnd.sdmx.structure+json;version=2.0.0"
)
run_app
TIMES_FILE="$WORK_DIR/times.txt"
: >"$TIMES_FILE"
for round in $(seq "$ROUNDS"); do
  log "round $round"
  for q in "${QUERIES[@]}"; do
    IFS='|' read -r name rows path accept <<<"$q"
    # availability is cached until the next release: only the first round reads the database
    line=$(curl -s -o /dev/null -H "Accept: $accept" -w '%{http_code} %{size_download} %{time_total}' "http://localhost:$PORT$path")
    echo "$name|$rows|$line" >>"$TIMES_FILE"
  done
done
stop_app
python3 - "$TIMES_FILE" "$FIGURES" <<'PY'
import sys
times_file, figures = sys.argv[1], sys.argv[2]
runs, rows, order = {}, {}, []
for line in open(times_file):
    name, count, result = line.rstrip("\n").split("|")
    status, size, seconds = result.split()
    if name not in runs:
        order.append(name)
        runs[name] = []
    runs[name].append((status, int(size), float(seconds)))
    rows[name] = int(count)
base, out = {}, []
for name in order:
    ts = sorted(r[2] for r in runs[name])
    best, median = ts[0], ts[len(ts) // 2]
    group = name.split()[0]
    if "v2.1" in name:
        base[group] = best
    ratio = best / base[group] if group in base else float("nan")
    status = ",".join(sorted({r[0] for r in runs[name]}))
    out.append(f"{name}: {status}, {runs[name][0][1]:,} bytes, best {best:.2f} s, median {median:.2f} s,"
               f" {rows[name] / best:,.0f} rows read/s, x{ratio:.2f} of v2.1 {group}")
with open(figures, "a") as f:
    for line in out:
        print(line)
        f.write(line + "\n")
PY
echo "heap after GC, max: $(grep -oE -- '->[0-9]+M' "$WORK_DIR/gc.log" | tr -d '>M-' | sort -n | tail -1) MB of $HEAP" | tee -a "$FIGURES"
echo "uptime after: $(uptime)" | tee -a "$FIGURES"
