#!/usr/bin/env bash
# Chunked loads and publishing (issue #14, items 4-5), two revisions side by side in one run. For
# each side, in a database of its own:
#   1. CHUNKS (30) chunks of generate.py's rows (files of at least 50,000 rows, one group of areas
#      each) uploaded one after the other with mode=merge into one draft; per chunk the request's
#      time and the upload's "store" phase from the app's log line (the merge into the draft: a
#      first chunk goes straight in, so its store is ~0);
#   2. publishing that draft (1.5 M rows), timed, then psql \copy of the same published rows into
#      a table with observation's columns and indexes (what "near a COPY into the indexed table"
#      is measured against);
#   3. publishing at a second size: the first PUBLISH_SMALL_CHUNKS (10, ~0.5 M rows) chunks as one
#      upload into a new dataset, published, timed;
#   4. the first ~1,000,000 rows as one job into a new dataset, beside psql \copy of
#      the same file into a plain table before and after it (as upload-bench.sh does).
#
#   bench/chunk-bench.sh BEFORE_REV AFTER_REV     (as root; PostgreSQL 15, python3)
#
# Environment (defaults): CHUNKS (30), BEFORE_CHUNKS (CHUNKS: fewer if the before side is too
# slow), PUBLISH_SMALL_CHUNKS (10), STEPS ("chunks small million": which of 1-2, 3 and 4 to run),
# SIDES ("before after"), HEAP (512m), JVM_OPTS (-XX:+UseParallelGC),
# PORT (8120), MGMT_PORT (9120), WORK_DIR (/tmp/coopstats-chunk-bench), SKIP_BUILD (0), TX_TIMEOUT
# (3600s).
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE_REV AFTER_REV" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
. "$HERE/lib.sh"
CHUNKS=${CHUNKS:-30}
BEFORE_CHUNKS=${BEFORE_CHUNKS:-$CHUNKS}
PUBLISH_SMALL_CHUNKS=${PUBLISH_SMALL_CHUNKS:-10}
STEPS=${STEPS:-chunks small million}
SIDES=${SIDES:-before after}
HEAP=${HEAP:-512m}
JVM_OPTS=${JVM_OPTS--XX:+UseParallelGC}
PORT=${PORT:-8120}
MGMT_PORT=${MGMT_PORT:-9120}
WORK_DIR=${WORK_DIR:-/tmp/coopstats-chunk-bench}
export TX_TIMEOUT=${TX_TIMEOUT:-3600s}
ports_free "$PORT" "$MGMT_PORT"
declare -A REV
REV[before]=$(git -C "$REPO" rev-parse --verify "$1^{commit}")
REV[after]=$(git -C "$REPO" rev-parse --verify "$2^{commit}")
mkdir -p "$WORK_DIR"
OUT="$WORK_DIR/figures.txt"
: >"$OUT"
say() { echo "$*" | tee -a "$OUT"; }

for side in before after; do
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "packaging $side (${REV[$side]}) in $WORK_DIR/$side"
    package_rev "$REPO" "${REV[$side]}" "$WORK_DIR/$side" -o
  fi
done

DATA="$WORK_DIR/data"
if [ ! -f "$DATA/chunk-030.csv" ]; then
  log "generating the rows in $DATA (files of at least 50,000 rows)"
  rm -rf "$DATA"
  python3 "$HERE/generate.py" --out "$DATA" --chunk-rows 50000 >/dev/null
fi
mapfile -t FILES < <(ls "$DATA"/chunk-*.csv | sort)
# the first N chunk files as one CSV (one header)
concat() { head -1 "${FILES[0]}" >"$2"; for f in "${FILES[@]:0:$1}"; do tail -n +2 "$f" >>"$2"; done; }
concat "$PUBLISH_SMALL_CHUNKS" "$WORK_DIR/small.csv"
concat 20 "$WORK_DIR/million.csv"

pg_ready postgres

# timed_post DATASET FILE MODE: a synchronous upload; sets REQ_S and STORE_MS (the app log's store
# phase of that upload).
timed_post() {
  local start end
  start=$(date +%s.%N)
  curl -sf -u "$AUTH" -X POST "$B/datasets/$1/observations?mode=$3" -H 'Content-Type: text/csv' \
    --data-binary @"$2" -o "$WORK_DIR/last-upload.json"
  end=$(date +%s.%N)
  REQ_S=$(python3 -c "print(round($end - $start, 2))")
  STORE_MS=$(grep "Upload of .* into dataset $1:" "$APP_LOG" | tail -1 | grep -o 'store [0-9]* ms' | grep -o '[0-9]*' || echo '?')
}

timed_publish() {
  local start end
  start=$(date +%s.%N)
  curl -sf -u "$AUTH" -X POST "$B/datasets/$1/publish" -o /dev/null
  end=$(date +%s.%N)
  PUBLISH_S=$(python3 -c "print(round($end - $start, 2))")
}

copy_indexed() {
  psql -Xq -c "DROP TABLE IF EXISTS copy_obs" \
    -c "CREATE TABLE copy_obs (LIKE observation INCLUDING DEFAULTS INCLUDING INDEXES)" \
    -c "\\copy (SELECT dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period, period_start, period_end, obs_value, obs_status, conf_status, unit_measure, unit_mult, comment_obs, version, valid_from FROM observation WHERE dataset_id = $1) TO '$WORK_DIR/published.tsv'"
  psql -Xq -c CHECKPOINT
  local start end
  start=$(date +%s.%N)
  psql -Xq -c "\\copy copy_obs (dataset_id, ref_area, measure, coop_type, coop_level, activity, sex, member_kind, work_cat, time_period, period_start, period_end, obs_value, obs_status, conf_status, unit_measure, unit_mult, comment_obs, version, valid_from) FROM '$WORK_DIR/published.tsv'"
  end=$(date +%s.%N)
  COPY_S=$(python3 -c "print(round($end - $start, 2))")
  psql -Xq -c "DROP TABLE copy_obs"
}

copy_plain() {
  psql -Xq -c "DROP TABLE IF EXISTS copy_bench" -c "CREATE TABLE copy_bench (ref_area text, measure text,
    coop_type text, coop_level text, activity text, sex text, member_kind text, work_cat text,
    time_period text, obs_value numeric, unit_measure text)"
  local start end
  start=$(date +%s.%N)
  psql -Xq -c "\\copy copy_bench FROM '$WORK_DIR/million.csv' WITH (FORMAT csv, HEADER true)"
  end=$(date +%s.%N)
  settle copy_bench >&2
  python3 -c "print($end - $start)"
}

run_side() {
  local side=$1 chunks=$2 db="coopstats_chunk_$1"
  fresh_db "$db"
  export PGDATABASE=$db
  APP_LOG="$WORK_DIR/app-$side.log"
  say "== $side ${REV[$side]}: uptime before: $(uptime)"
  # shellcheck disable=SC2086 # JVM_OPTS holds several options
  start_app "$WORK_DIR/$side/target/quarkus-app/quarkus-run.jar" "$db" "$PORT" "$MGMT_PORT" "$APP_LOG" \
    -Xmx$HEAP $JVM_OPTS
  new_provider BENCH
  local ds rows=0
  if [[ " $STEPS " == *" chunks "* ]]; then
    ds=$(new_dataset "Chunks")
    for i in $(seq 1 "$chunks"); do
      local f=${FILES[$((i - 1))]}
      rows=$((rows + $(wc -l <"$f") - 1))
      timed_post "$ds" "$f" merge
      say "$side chunk $i: $(($(wc -l <"$f") - 1)) rows, draft now $rows, request $REQ_S s, store (merge) $STORE_MS ms"
    done
    settle observation_draft
    timed_publish "$ds"
    say "$side publish of $rows rows (one draft of $chunks chunks): $PUBLISH_S s"
    copy_indexed "$ds"
    say "$side psql \\copy of those published rows into a table with observation's indexes: $COPY_S s"
  fi
  if [[ " $STEPS " == *" small "* ]]; then
    local small
    small=$(new_dataset "Small")
    # a job: an upload this large is not answered synchronously
    timed_upload "$small" "$WORK_DIR/small.csv"
    settle observation_draft
    timed_publish "$small"
    say "$side publish of $(($(wc -l <"$WORK_DIR/small.csv") - 1)) rows (one upload, job $STATUS in $(python3 -c "print(round($UPLOAD_S, 2))") s): $PUBLISH_S s"
  fi

  if [[ " $STEPS " == *" million "* ]]; then
    local million c1 c2
    million=$(new_dataset "Million")
    settle observation
    c1=$(copy_plain)
    timed_upload "$million" "$WORK_DIR/million.csv"
    settle observation_draft
    c2=$(copy_plain)
    say "$side upload of $(($(wc -l <"$WORK_DIR/million.csv") - 1)) rows (job, $STATUS): $(python3 -c "print(round($UPLOAD_S, 2))") s | psql \\copy $(python3 -c "print(round($c1, 2), round($c2, 2))") s | ratio $(python3 -c "print(round($UPLOAD_S / (($c1 + $c2) / 2), 2))") x"
  fi
  stop_app
  say "== $side: uptime after: $(uptime)"
}

trap stop_app EXIT
for side in $SIDES; do
  if [ "$side" = before ]; then run_side before "$BEFORE_CHUNKS"; else run_side after "$CHUNKS"; fi
done
log "figures in $OUT"
