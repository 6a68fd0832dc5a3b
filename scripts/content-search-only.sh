#!/usr/bin/env bash
# The search part of scripts/content-bench.sh alone, for side-by-side runs of two builds (see BENCHMARKS.md): starts
# this tree's packaged service (target/quarkus-app, as built) on DATA, waits until it is ready (its search index caught
# up, or built anew when DATA has none), runs ContentBenchmark --search-only against it and prints its table, then
# stops it. Build first: ./mvnw package -DskipTests && ./mvnw test-compile.
#   scripts/content-search-only.sh DATA [PORT [ContentBenchmark options: --users=10 --conversations=500 ...]]
# JAVA_OPTS: the service's JVM options (default -Xmx256m -XX:+UseSerialGC; a rebuild of a large index needs more).
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "$1" && pwd)
port=${2:-18097}
shift $(( $# < 2 ? $# : 2 ))
java_opts=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
classpath=$(scripts/test-classpath.sh)
users=10
for arg in "$@"; do [[ "$arg" == --users=* ]] && users="${arg#--users=}"; done
keys=$(java -cp "$classpath" dev.convsearch.bench.Benchmark --print-static-keys --users="$users")
# shellcheck disable=SC2086
(cd target/quarkus-app && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$data" CONVSEARCH_AUTH_STATIC_KEYS="$keys" \
    CONVSEARCH_SEARCH_INDEX_DIR="$data/search-index" QUARKUS_MONGODB_CONNECTION_STRING="" \
    CONVSEARCH_RATE_LIMIT_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    exec java $java_opts -jar quarkus-run.jar) > "$data/../search-only-$port.log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 6000); do curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break; sleep 0.1; done
java -Xmx1g -cp "$classpath" dev.convsearch.bench.ContentBenchmark --pid="$service" --port="$port" \
    --index="$data/search-index" --search-only "$@" 2>/dev/null | grep '^| '
kill -TERM "$service"; wait "$service" 2>/dev/null || true
