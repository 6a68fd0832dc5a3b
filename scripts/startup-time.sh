#!/usr/bin/env bash
# Measures start-up as a user sees it: from exec of the packaged service to the first successful authenticated search.
# Usage: scripts/startup-time.sh [runs] [java command]   (build first: ./mvnw package -DskipTests)
# Uses the embedded database in a fresh folder per run, unless QUARKUS_MONGODB_CONNECTION_STRING is set.
# Extra JVM options can be given in JAVA_OPTS, e.g. JAVA_OPTS=-XX:AOTCache=app.aot (after scripts/aot-train.sh): the
# service runs from its app folder (APP_DIR, default target/quarkus-app), as the AOT cache was trained.
# Prints each run and the median, in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
java=${2:-java}
port=${PORT:-18080}
app_dir=${APP_DIR:-target/quarkus-app}
[ -f "$app_dir/quarkus-run.jar" ] || { echo "no $app_dir/quarkus-run.jar: run ./mvnw package -DskipTests first" >&2; exit 1; }

key="cs_startup_probe_key"
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

times=()
for run in $(seq 1 "$runs"); do
    data="$work/data-$run"
    mkdir -p "$data"
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$data" CONVSEARCH_AUTH_STATIC_KEYS="probe:$hash" \
        sh -c 'cd "$1" && shift && exec "$@"' run "$app_dir" $java ${JAVA_OPTS:-} -jar quarkus-run.jar \
        > "$work/run-$run.log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null -H "X-Session-API-Key: $key" "http://127.0.0.1:$port/api/conversations"; do
        kill -0 "$pid" 2>/dev/null || { echo "the service exited; log:" >&2; cat "$work/run-$run.log" >&2; exit 1; }
        sleep 0.01
    done
    end=$(date +%s%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ms=$(( (end - start) / 1000000 ))
    times+=("$ms")
    echo "run $run: $ms ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
echo "median of $runs: $median ms"
