#!/usr/bin/env bash
# Where a packaged service's start-up goes: starts it once under async-profiler (wall clock, per thread), waits for the
# first authenticated search, stops it, and prints the main thread's milliseconds by Quarkus start-up step (the
# recorded build steps, and the configuration read before them). How BENCHMARKS.md found what to move out of start-up.
#   scripts/startup-profile.sh <app dir> [<java>] [<JVM options>...]
# e.g. scripts/startup-profile.sh target/quarkus-app $JDK25/bin/java -XX:+UseSerialGC -Xmx64m -XX:AOTCache=app.aot
# The floor apps (scripts/floor-app.sh) are asked with the same key (FLOOR_API_KEY).
# Uses the MongoDB in QUARKUS_MONGODB_CONNECTION_STRING, else the embedded database in a fresh folder. Fetches
# async-profiler (tools.profiler:async-profiler, Maven Central) once into target/async-profiler. The whole profile, in
# collapsed-stack form (for a flame graph), is left in target/startup-profile.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
app_dir=$(cd "$1" && pwd)
java=${2:-java}
shift $(( $# >= 2 ? 2 : 1 ))
profiler_version=4.1
agent=target/async-profiler/linux-x64/libasyncProfiler.so
if [ ! -f "$agent" ]; then
    ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$profiler_version:jar" \
        -DoutputDirectory=target/async-profiler >&2
    (cd target/async-profiler && unzip -oq "async-profiler-$profiler_version.jar" 'linux-x64/*')
fi
agent=$(pwd)/$agent
out=$(pwd)/target/startup-profile.txt
port=${PORT:-18080}
key="cs_startup_profile_key"
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s%N)
(cd "$app_dir" && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$work/data" CONVSEARCH_AUTH_STATIC_KEYS="profile:$hash" \
    FLOOR_API_KEY="$key" QUARKUS_SHUTDOWN_DELAY_ENABLED=false \
    exec "$java" "$@" "-agentpath:$agent=start,event=wall,interval=1ms,threads,collapsed,file=$out" \
    -jar quarkus-run.jar) > "$work/log" 2>&1 &
pid=$!
until curl -sf -o /dev/null -H "X-Session-API-Key: $key" "http://127.0.0.1:$port/api/conversations"; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited; log:" >&2; cat "$work/log" >&2; exit 1; }
    sleep 0.01
done
end=$(date +%s%N)
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "exec to the first authenticated search: $(( (end - start) / 1000000 )) ms (with the profiler's overhead)"
echo "main thread, ms by start-up step:"
awk '
    $0 !~ /^\[main tid=/ || /Application\.stop/ { next }
    {
        count = $NF
        n = split($0, frames, ";")
        step = ""
        for (i = 1; i <= n; i++) {
            if (frames[i] ~ /^io\/quarkus\/runner\/recorded\//) {
                step = frames[i]
                sub(/^io\/quarkus\/runner\/recorded\//, "", step)
                sub(/[0-9]+\.deploy.*/, "", step)
                break
            }
        }
        if (step == "" && $0 ~ /ApplicationImpl\.<clinit>/) step = "(configuration)"
        if (step == "" && $0 ~ /Application\.start/) step = "(other start-up work)"
        if (step != "") ms[step] += count
    }
    END { for (s in ms) printf "%6d  %s\n", ms[s], s }
' "$out" | sort -rn | head -25
