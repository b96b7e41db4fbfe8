#!/usr/bin/env bash
# Registers: uploading unit records and tabulating them into protected COOP_STATS tables, at 10,000
# and 100,000 units side by side in one run (how the cost grows), with the app's heap capped.
#
#   bench/register-bench.sh          (as root, PostgreSQL 15 installed; builds a copy of HEAD)
#
# Environment: SIZES ("10000 100000"), HEAP (256m), PORT (8093), SKIP_BUILD (0), BUILD_DIR
# (/tmp/coopstats-register-bench), DATA_DIR (/tmp/coopstats-register-data), JVM_OPTS
# (-XX:+UseParallelGC). Prints, per size: upload seconds, tabulation seconds (from the POST to the
# job's end), the tabulation's own phases, cells written, primary and secondary suppressions, the
# linear programs the audit solved, and the app's peak resident memory; then the ratios.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SIZES=${SIZES:-10000 100000}
HEAP=${HEAP:-256m}
PORT=${PORT:-8093}
BUILD_DIR=${BUILD_DIR:-/tmp/coopstats-register-bench}
DATA_DIR=${DATA_DIR:-/tmp/coopstats-register-data}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
DB=coopstats_register_bench
. "$HERE/lib.sh"

pg_ready $DB
fresh_db $DB
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "packaging HEAD in $BUILD_DIR"
  package_rev "$REPO" HEAD "$BUILD_DIR"
fi
mkdir -p "$DATA_DIR"
for n in $SIZES; do
  [ -s "$DATA_DIR/units-$n.csv" ] || python3 "$HERE/register-gen.py" --units "$n" --out "$DATA_DIR/units-$n.csv"
  log "$n units: $(du -h "$DATA_DIR/units-$n.csv" | cut -f1)"
done

log "starting the app with -Xmx$HEAP $JVM_OPTS"
trap stop_app EXIT
# shellcheck disable=SC2086 # JVM_OPTS holds several options
start_app "$BUILD_DIR/target/quarkus-app/quarkus-run.jar" $DB "$PORT" $((PORT + 1000)) \
  "$DATA_DIR/app.log" -Xmx"$HEAP" $JVM_OPTS
new_provider BENCH
USER_AUTH="regbench:regbench-password-1"
curl -sf -u "$AUTH" -X POST "$B/users" -H 'Content-Type: application/json' \
  -d '{"username":"regbench","password":"regbench-password-1","roles":["submitter","publisher"],"providerId":"BENCH"}' >/dev/null
json_field() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }

RESULTS=()
for n in $SIZES; do
  register=$(curl -sf -u "$USER_AUTH" -X POST "$B/registers" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Synthetic register of $n units\"}" | json_field 'd["id"]')
  dataset=$(curl -sf -u "$USER_AUTH" -X POST "$B/datasets" -H 'Content-Type: application/json' \
    -d "{\"providerId\":\"BENCH\",\"title\":\"From the register of $n units\",\"sourceKind\":\"REGISTER\",\"periodBasis\":\"CALENDAR_YEAR\"}" |
    json_field 'd["id"]')
  log "uploading $n units into register $register"
  start=$(now)
  curl -sf -u "$USER_AUTH" -X POST "$B/registers/$register/units" -H 'Content-Type: text/csv' \
    --data-binary @"$DATA_DIR/units-$n.csv" -o "$DATA_DIR/upload-$n.json"
  upload_s=$(secs "$start" "$(now)")
  log "tabulating into dataset $dataset"
  start=$(now)
  job=$(curl -sf -u "$USER_AUTH" -X POST "$B/registers/$register/tabulate" \
    -H 'Content-Type: application/json' -d "{\"period\":\"2024\",\"datasetId\":$dataset}" \
    -D - -o /dev/null | tr -d '\r' | awk 'tolower($1)=="location:" {print $2}')
  status=$(AUTH=$USER_AUTH wait_job "$job")
  tab_s=$(secs "$start" "$(now)")
  [ "$status" = SUCCEEDED ] || { curl -s -u "$USER_AUTH" "$job" | head -c 2000; echo; exit 1; }
  curl -sf -u "$USER_AUTH" "$B/registers/$register/tabulations" >"$DATA_DIR/tabulation-$n.json"
  rss_mb=$(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$APP/status")
  line=$(json_field "f\"{d['items'][0]['units']} units: upload $upload_s s, tabulation $tab_s s (tally {d['items'][0]['protection']['timings']['tallyMs']} ms, protect {d['items'][0]['protection']['timings']['protectMs']} ms), {d['items'][0]['cells']} cells, primary {d['items'][0]['primaryCells']}, secondary {d['items'][0]['secondaryCells']}, by CONF_STATUS {d['items'][0]['protection']['byConfStatus']}, {d['items'][0]['protection']['linearPrograms']} LPs, peak RSS $rss_mb MB\"" <"$DATA_DIR/tabulation-$n.json")
  log "$line"
  RESULTS+=("$n $upload_s $tab_s")
done

echo
echo "| units | upload s | tabulation s |"
echo "|---|---|---|"
for r in "${RESULTS[@]}"; do
  set -- $r
  echo "| $1 | $2 | $3 |"
done
if [ ${#RESULTS[@]} -ge 2 ]; then
  set -- ${RESULTS[0]}
  n0=$1 u0=$2 t0=$3
  set -- ${RESULTS[${#RESULTS[@]}-1]}
  python3 -c "print(f'{$1 // $n0}x the units: upload {$2 / $u0:.1f}x, tabulation {$3 / $t0:.1f}x the time')"
fi
