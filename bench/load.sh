#!/usr/bin/env bash
# Loads the chunks written by generate.py through the API: creates a provider and a dataset,
# uploads every chunk (CSV, one request each), publishes the dataset, prints rows and time.
#
#   bench/load.sh [DATA_DIR]
#
# Environment: API (default http://localhost:8080), PROVIDER_ID (default BENCH),
# API_USER / API_PASSWORD (HTTP Basic credentials of an admin for the writes; the service's first
# admin comes from COOPSTATS_ADMIN_USERNAME / COOPSTATS_ADMIN_PASSWORD at its start),
# UPLOAD_TIMEOUT (seconds per request, default 900), PREFER (e.g. respond-async: sent as the
# Prefer header of the uploads, to make the service run them as jobs).
set -euo pipefail

DATA_DIR=${1:-${DATA_DIR:-/tmp/coopstats-bench-data}}
API=${API:-http://localhost:8080}
PROVIDER_ID=${PROVIDER_ID:-BENCH}
UPLOAD_TIMEOUT=${UPLOAD_TIMEOUT:-900}
AUTH=()
if [ -n "${API_PASSWORD:-}" ]; then AUTH=(-u "${API_USER:-admin}:$API_PASSWORD"); fi

case "$API" in
  http://localhost:* | http://127.0.0.1:*) ;;
  *) echo "API must be on localhost, got $API" >&2; exit 2 ;;
esac
[ -f "$DATA_DIR/manifest.json" ] || { echo "no $DATA_DIR/manifest.json: run generate.py" >&2; exit 2; }

resp=$(mktemp)
trap 'rm -f "$resp"' EXIT

# call METHOD PATH [curl args...]: prints the HTTP status, body goes to $resp
call() {
  local method=$1 path=$2
  shift 2
  curl -sS --max-time "$UPLOAD_TIMEOUT" -o "$resp" -w '%{http_code}' "${AUTH[@]}" -X "$method" "$API$path" "$@"
}

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$resp" "$1"; }

start=$(date +%s.%N)

status=$(call POST /api/v1/providers -H 'Content-Type: application/json' \
  -d "{\"id\":\"$PROVIDER_ID\",\"name\":\"CoopStats benchmark (generated data)\"}")
case "$status" in
  201) echo "provider $PROVIDER_ID created" ;;
  409) echo "provider $PROVIDER_ID exists, reusing it" ;;
  *) echo "creating the provider failed: HTTP $status" >&2; cat "$resp" >&2; exit 1 ;;
esac

status=$(call POST /api/v1/datasets -H 'Content-Type: application/json' \
  -d "{\"providerId\":\"$PROVIDER_ID\",\"title\":\"Benchmark: generated COOP_STATS data, 200 areas, 2005-2024\",\"sourceKind\":\"ESTIMATE\",\"periodBasis\":\"CALENDAR_YEAR\",\"methodology\":\"Synthetic data from bench/generate.py\"}")
[ "$status" = 201 ] || { echo "creating the dataset failed: HTTP $status" >&2; cat "$resp" >&2; exit 1; }
DATASET_ID=$(json_field id)
echo "dataset $DATASET_ID created"
echo "$DATASET_ID" > "$DATA_DIR/dataset-id"

files=$(python3 -c 'import json,sys; print("\n".join(f["file"] for f in json.load(open(sys.argv[1]))["files"]))' "$DATA_DIR/manifest.json")
total_rows=0
upload_start=$(date +%s.%N)
for f in $files; do
  t0=$(date +%s.%N)
  status=$(call POST "/api/v1/datasets/$DATASET_ID/observations" \
    -H 'Content-Type: text/csv' ${PREFER:+-H "Prefer: $PREFER"} --data-binary "@$DATA_DIR/$f")
  if [ "$status" = 202 ]; then
    # A large upload runs as a job (since the upload jobs of V6): follow it, bounded.
    job=$(json_field id)
    deadline=$(( $(date +%s) + UPLOAD_TIMEOUT ))
    while :; do
      status=$(call GET "/api/v1/jobs/$job")
      state=$(json_field status)
      case "$state" in
        SUCCEEDED) python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); json.dump(b["result"], open(sys.argv[1], "w"))' "$resp"; status=200; break ;;
        FAILED | CANCELLED) echo "upload job $job of $f: $state" >&2; head -c 3000 "$resp" >&2; echo >&2; exit 1 ;;
      esac
      [ "$(date +%s)" -lt "$deadline" ] || { echo "upload job $job of $f still $state after ${UPLOAD_TIMEOUT}s" >&2; exit 1; }
      sleep 1
    done
  fi
  t1=$(date +%s.%N)
  if [ "$status" != 200 ]; then
    echo "upload of $f failed: HTTP $status" >&2
    head -c 3000 "$resp" >&2; echo >&2
    exit 1
  fi
  inserted=$(json_field inserted)
  warnings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("warningCount", 0))' "$resp")
  total_rows=$((total_rows + inserted))
  printf '%s  %7d rows  %6.1f s  %d warnings  (%d so far)\n' "$f" "$inserted" "$(echo "$t1 - $t0" | bc -l)" "$warnings" "$total_rows"
done
upload_end=$(date +%s.%N)

t0=$(date +%s.%N)
status=$(call POST "/api/v1/datasets/$DATASET_ID/publish")
t1=$(date +%s.%N)
[ "$status" = 200 ] || { echo "publishing failed: HTTP $status" >&2; cat "$resp" >&2; exit 1; }
published=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["observations"])' "$resp")
end=$(date +%s.%N)

upload_s=$(echo "$upload_end - $upload_start" | bc -l)
printf 'published dataset %s (%.1f s) holding %s observations\n' "$DATASET_ID" "$(echo "$t1 - $t0" | bc -l)" "$published"
printf 'LOADED rows=%d dataset=%s upload_seconds=%.1f rows_per_second=%.0f total_seconds=%.1f\n' \
  "$total_rows" "$DATASET_ID" "$upload_s" "$(echo "$total_rows / $upload_s" | bc -l)" \
  "$(echo "$end - $start" | bc -l)"
