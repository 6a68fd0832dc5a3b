#!/usr/bin/env bash
# Compares the start-up of several packaged services side by side: the configurations take turns, run after run, so a
# busy moment on a shared machine slows all of them alike. Start-up is exec to the first successful authenticated
# GET /api/conversations, as in scripts/startup-time.sh.
#   scripts/startup-compare.sh <runs> <java> "<app dir>|<JVM options>" ["<app dir>|<JVM options>" ...]
# e.g. scripts/startup-compare.sh 7 $JDK25/bin/java "target/quarkus-app|-XX:AOTCache=app.aot" "target/floor-app|-XX:AOTCache=app.aot"
# Uses the MongoDB in QUARKUS_MONGODB_CONNECTION_STRING (start one with scripts/mongo-wire-server.sh), or each service's
# embedded database in a fresh folder. Prints every run and the median of each configuration, in milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
runs=$1
java=$2
shift 2
port=${PORT:-18080}
key="cs_startup_probe_key"
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -a times
for run in $(seq 1 "$runs"); do
    n=0
    for config in "$@"; do
        n=$((n + 1))
        app_dir=$(cd "${config%%|*}" && pwd)
        opts=${config#*|}
        mkdir -p "$work/data-$n-$run"
        start=$(date +%s%N)
        # shellcheck disable=SC2086
        (cd "$app_dir" && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$work/data-$n-$run" \
            CONVSEARCH_AUTH_STATIC_KEYS="probe:$hash" exec $java $opts -jar quarkus-run.jar) > "$work/log-$n" 2>&1 &
        pid=$!
        until curl -sf -o /dev/null -H "X-Session-API-Key: $key" "http://127.0.0.1:$port/api/conversations"; do
            kill -0 "$pid" 2>/dev/null || { echo "configuration $n exited; log:" >&2; cat "$work/log-$n" >&2; exit 1; }
            sleep 0.01
        done
        end=$(date +%s%N)
        kill "$pid"; wait "$pid" 2>/dev/null || true
        times[n]="${times[n]:-} $(( (end - start) / 1000000 ))"
    done
done

n=0
for config in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    median=$(printf '%s\n' ${times[n]} | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')
    echo "median $median ms (runs:${times[n]}) : $config"
done
