#!/usr/bin/env bash
# SDMX exports and availability, two revisions side by side in one run (issue 14, item 3):
# SDMX-ML generic, structure-specific and SDMX-CSV for all series of one random area, and
# availableconstraint/COOP_STATS/all/all/all, each with wrk (CONNECTIONS connections, WARMUP s of
# warm-up then DURATION s measured); then, on the AFTER side only, the whole dataflow exported in
# SDMX-CSV and generic SDMX-ML with a heap of EXPORT_HEAP (the old code answered 413 above
# 200,000 observations), timed, with the heap after each GC logged; and a few answers of both
# sides compared byte for byte (the message id and prepared time aside).
#
#   bench/sdmx-export-bench.sh BEFORE_REV AFTER_REV     (as root; PostgreSQL 15, wrk, python3)
#
# Both revisions must have the same migrations: they share one database (ROWS generated rows,
# published once). Environment (defaults): ROWS (1540000), DURATION (20), WARMUP (15),
# CONNECTIONS (32), THREADS (2), HEAP (256m), EXPORT_HEAP (256m), PORT (8130), MGMT_PORT (9130),
# WORK_DIR (/tmp/coopstats-sdmx-stream), SKIP_BUILD (0), SKIP_LOAD (0: 1 reuses the database).
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE_REV AFTER_REV" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
ROWS=${ROWS:-1540000}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
EXPORT_HEAP=${EXPORT_HEAP:-256m}
PORT=${PORT:-8130}
MGMT_PORT=${MGMT_PORT:-9130}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-sdmx-stream}
DB=coopstats_sdmx_stream
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
need_wrk
declare -A REV
REV[before]=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
REV[after]=$(git -C "$REPO" rev-parse --verify "$2^{commit}")
mkdir -p "$WORK_DIR"
FIGURES="$WORK_DIR/figures.txt"
: >"$FIGURES"
echo "uptime before: $(uptime)" | tee -a "$FIGURES"

for side in before after; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $side (${REV[$side]}) in $WORK_DIR/$side"
    package_rev "$REPO" "${REV[$side]}" "$WORK_DIR/$side" -o
  fi
done

run_app() { # SIDE HEAP [JVM_OPTION...]
  local side=$1 heap=$2
  shift 2
  start_app "$WORK_DIR/$side/target/quarkus-app/quarkus-run.jar" "$DB" "$PORT" "$MGMT_PORT" \
    "$WORK_DIR/app-$side.log" -Xmx"$heap" -XX:+UseParallelGC "$@"
}
S="http://localhost:$PORT/sdmx/v2.1"

pg_ready "$DB"
trap stop_app EXIT
if [ "${SKIP_LOAD:-0}" != 1 ]; then
  fresh_db "$DB"
  log "generating about $ROWS rows"
  bench_rows "$WORK_DIR/data" "$ROWS"
  log "publishing $N rows"
  run_app after "$HEAP"
  new_provider BENCH
  DS=$(new_dataset "SDMX export data")
  timed_upload "$DS" "$CSV"
  [ "$STATUS" = SUCCEEDED ] || { log "the upload ended $STATUS"; exit 1; }
  curl -sf -u "$AUTH" -X POST "$B/datasets/$DS/publish" -o /dev/null
  settle observation
  stop_app
fi
AREAS=$(published_areas)
echo "published rows: $(psql -XAtc 'SELECT count(*) FROM observation'), areas: $(echo "$AREAS" | grep -c .)" | tee -a "$FIGURES"
key='"......."' # the 7 positions after REF_AREA
write_lua "$WORK_DIR/generic.lua" "\"/sdmx/v2.1/data/COOP_STATS/\" .. a .. $key .. \"?format=genericdata\"" "$AREAS" 2005 2024
write_lua "$WORK_DIR/specific.lua" "\"/sdmx/v2.1/data/COOP_STATS/\" .. a .. $key .. \"?format=structurespecificdata\"" "$AREAS" 2005 2024
write_lua "$WORK_DIR/csv.lua" "\"/sdmx/v2.1/data/COOP_STATS/\" .. a .. $key .. \"?format=csv\"" "$AREAS" 2005 2024
write_lua "$WORK_DIR/availability.lua" "\"/sdmx/v2.1/availableconstraint/COOP_STATS/all/all/all\"" "$AREAS" 2005 2024

normalised() { sed -E 's#<message:ID>[^<]*<#<message:ID>X<#; s#<message:Prepared>[^<]*<#<message:Prepared>X<#; s#"id":"IREF[^"]*"#"id":"X"#; s#"prepared":"[^"]*"#"prepared":"X"#; s#<common:ID>[^<]*<#X<#g'; }
SAMPLES=("data/COOP_STATS/CAN.......?format=genericdata" "data/COOP_STATS/CAN.......?format=structurespecificdata"
  "data/COOP_STATS/CAN.......?format=csv" "data/COOP_STATS/CAN.......?format=jsondata"
  "data/COOP_STATS/KEN.COOPS......?format=genericdata&lastNObservations=3&dimensionAtObservation=AllDimensions"
  "data/COOP_STATS/DEU+FRA.......?format=structurespecificdata&firstNObservations=2&detail=dataonly"
  "availableconstraint/COOP_STATS/CAN......./all/all" "availableconstraint/COOP_STATS/KEN+BRA......./all/REF_AREA")

for side in before after; do
  log "$side: starting"
  run_app $side "$HEAP"
  mkdir -p "$WORK_DIR/answers-$side"
  i=0
  for q in "${SAMPLES[@]}"; do
    i=$((i + 1))
    curl -s "$S/$q" | normalised >"$WORK_DIR/answers-$side/$i"
  done
  for name in generic specific csv availability; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 30s -s "$WORK_DIR/$name.lua" "http://localhost:$PORT" >/dev/null
    out="$WORK_DIR/wrk-$side-$name.txt"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$WORK_DIR/$name.lua" "http://localhost:$PORT" >"$out"
    echo "$side $name $(wrk_figures "$out") load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$FIGURES"
  done
  curl -s -o /dev/null -w "$side availability all/all/all: %{http_code} in %{time_total} s\n" "$S/availableconstraint/COOP_STATS/all/all/all" | tee -a "$FIGURES"
  stop_app
done

i=0
for q in "${SAMPLES[@]}"; do
  i=$((i + 1))
  if cmp -s "$WORK_DIR/answers-before/$i" "$WORK_DIR/answers-after/$i"; then same=identical; else same=DIFFERENT; fi
  echo "compare $q: $same ($(wc -c <"$WORK_DIR/answers-after/$i") bytes)" | tee -a "$FIGURES"
done

log "after: the whole dataflow with -Xmx$EXPORT_HEAP"
run_app after "$EXPORT_HEAP" -Xlog:gc:file="$WORK_DIR/gc-export.log"
for format in csv genericdata; do
  curl -s -o "$WORK_DIR/all.$format" -w "after whole dataflow $format: %{http_code}, %{size_download} bytes in %{time_total} s\n" \
    "$S/data/COOP_STATS?format=$format" | tee -a "$FIGURES"
done
echo "after whole dataflow csv rows: $(($(wc -l <"$WORK_DIR/all.csv") - 1)), generic Obs: $(grep -o '<generic:Obs>' "$WORK_DIR/all.genericdata" | wc -l)" | tee -a "$FIGURES"
rm -f "$WORK_DIR/all.csv" "$WORK_DIR/all.genericdata"
# "Pause Young (...) 120M->20M(245M)": the heap after each collection
echo "after export heap after GC, max: $(grep -oE -- '->[0-9]+M' "$WORK_DIR/gc-export.log" | tr -d '>M-' | sort -n | tail -1) MB of $EXPORT_HEAP; collections: $(grep -c 'Pause' "$WORK_DIR/gc-export.log")" | tee -a "$FIGURES"
stop_app
echo "uptime after: $(uptime)" | tee -a "$FIGURES"
