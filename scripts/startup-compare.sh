#!/usr/bin/env bash
# Compares the start-up (and, with SEARCHES, the memory) of several packaged services side by side: the configurations
# take turns, run after run, so a busy moment on a shared machine slows all of them alike. Start-up is exec to the first
# successful authenticated GET /api/conversations, as in scripts/startup-time.sh.
#   scripts/startup-compare.sh <runs> <java> "<app dir>|<JVM options>" ["<app dir>|<JVM options>" ...]
# e.g. scripts/startup-compare.sh 7 $JDK25/bin/java "target/quarkus-app|-XX:AOTCache=app.aot" "target/floor-app|-XX:AOTCache=app.aot"
# Uses the MongoDB in QUARKUS_MONGODB_CONNECTION_STRING (start one with scripts/mongo-wire-server.sh), or each service's
# embedded database in a fresh folder. Prints every run and the median of each configuration, in milliseconds.
# SEARCHES=n: after the first answer, n more authenticated searches, then the process's RSS (MB), median too.
# SEED=n: before the first run, n conversations are created through the first configuration (a convsearch), for the
# user "probe" whose key every configuration is asked with.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
runs=$1
java=$2
shift 2
port=${PORT:-18080}
searches=${SEARCHES:-0}
seed=${SEED:-0}
key="cs_startup_probe_key"
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
url="http://127.0.0.1:$port/api/conversations"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Starts configuration $1 (run $2) in the background; its pid in $pid.
start_service() {
    local config=$1 run=$2 app_dir opts
    app_dir=$(cd "${config%%|*}" && pwd)
    opts=${config#*|}
    mkdir -p "$work/data-$run"
    # shellcheck disable=SC2086
    (cd "$app_dir" && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$work/data-$run" \
        CONVSEARCH_AUTH_STATIC_KEYS="probe:$hash" CONVSEARCH_RATE_LIMIT_ENABLED=false \
        exec $java $opts -jar quarkus-run.jar) > "$work/log" 2>&1 &
    pid=$!
}

await_first_answer() {
    until curl -sf -o /dev/null -H "X-Session-API-Key: $key" "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "$1 exited; log:" >&2; cat "$work/log" >&2; exit 1; }
        sleep 0.01
    done
}

if [ "$seed" -gt 0 ]; then
    start_service "$1" seed
    await_first_answer "$1"
    for i in $(seq 1 "$seed"); do
        printf '{"conversation_id":"seed-%d","title":"Seeded conversation %d","selected_repository":"acme/app","trigger":"gui"}\n' "$i" "$i"
    done | curl -sf -o /dev/null -H "X-Session-API-Key: $key" -H 'Content-Type: application/x-ndjson' --data-binary @- "$url/import"
    kill "$pid"; wait "$pid" 2>/dev/null || true
fi

declare -a times rss
urls=$(for _ in $(seq 1 100); do printf '%s ' "$url"; done)
for run in $(seq 1 "$runs"); do
    n=0
    for config in "$@"; do
        n=$((n + 1))
        start=$(date +%s%N)
        start_service "$config" "$n-$run"
        await_first_answer "$config"
        end=$(date +%s%N)
        times[n]="${times[n]:-} $(( (end - start) / 1000000 ))"
        if [ "$searches" -gt 0 ]; then
            # 100 searches per curl, on one kept-alive connection, the bodies thrown away
            for _ in $(seq 1 $(( searches / 100 ))); do
                # shellcheck disable=SC2086
                curl -sf -H "X-Session-API-Key: $key" $urls > /dev/null
            done
            rss[n]="${rss[n]:-} $(( $(awk '/^VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))"
        fi
        kill "$pid"; wait "$pid" 2>/dev/null || true
    done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
n=0
for config in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    echo "median $(median ${times[n]}) ms (runs:${times[n]}) : $config"
    if [ "$searches" -gt 0 ]; then
        # shellcheck disable=SC2086
        echo "  RSS after $searches searches: median $(median ${rss[n]}) MB (runs:${rss[n]})"
    fi
done
