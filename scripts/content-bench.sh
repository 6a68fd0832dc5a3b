#!/usr/bin/env bash
# The benchmark of search inside conversations (see BENCHMARKS.md): the service on its embedded default database,
# loaded through its own endpoints with users x conversations x events of generated text (fixed seed), then searched
# with q at a fixed concurrency beside "Lucene alone" (the same searches on the same index in the benchmark's process).
#   scripts/content-bench.sh [--users=10] [--conversations=500] [--events=40] [--event-bytes=500] [--concurrency=16]
#                            [--seconds=10] [--warmup=5] [--seed=23] [--search-only] [--wire]
# --search-only searches the data of the last run (target/content-bench/data) without loading it again.
# --wire runs the service on an in-memory MongoDB-wire server in a process of its own (scripts/bench.sh's), instead of
# the embedded database: what the service and Lucene cost when the database is not the embedded one.
# The service runs from target/quarkus-app on SERVICE_JAVA (default: java on PATH) with JAVA_OPTS (default -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${BENCH_PORT:-18091}
java_opts=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
service_java=${SERVICE_JAVA:-java}
users=10
search_only=false
wire=false
args=()
for arg in "$@"; do
    [[ "$arg" == --users=* ]] && users="${arg#--users=}"
    [[ "$arg" == --search-only ]] && search_only=true
    if [[ "$arg" == --wire ]]; then wire=true; else args+=("$arg"); fi
done

echo "building target/quarkus-app and the test classes..." >&2
./mvnw -q -B package -DskipTests >&2
./mvnw -q -B test-compile >&2
cp=target/test-classpath.txt
if [ ! -f "$cp" ] || [ pom.xml -nt "$cp" ]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
fi
classpath="target/test-classes:target/classes:$(cat "$cp")"

data="$PWD/target/content-bench/data"
if [ "$search_only" = false ]; then
    rm -rf target/content-bench
fi
mkdir -p "$data"
keys=$(java -cp "$classpath" dev.convsearch.bench.Benchmark --print-static-keys --users="$users")
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
mongo=""
if [ "$wire" = true ]; then
    java -Xmx2g -cp "$classpath" dev.convsearch.support.StandaloneMongoWireServer 27020 > target/content-bench/mongo.log 2>&1 &
    pids+=($!)
    mongo="mongodb://127.0.0.1:27020"
    sleep 2
fi
# shellcheck disable=SC2086
(cd target/quarkus-app && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$data" CONVSEARCH_AUTH_STATIC_KEYS="$keys" \
    CONVSEARCH_SEARCH_INDEX_DIR="$data/search-index" QUARKUS_MONGODB_CONNECTION_STRING="$mongo" \
    CONVSEARCH_RATE_LIMIT_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    exec "$service_java" $java_opts -jar quarkus-run.jar) > target/content-bench/service.log 2>&1 &
service=$!
pids+=($service)
for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
    sleep 0.1
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; service JVM: $("$service_java" -version 2>&1 | head -1) $java_opts" >&2
java -Xmx1g -cp "$classpath" dev.convsearch.bench.ContentBenchmark --pid="$service" --port="$port" \
    --index="$data/search-index" "${args[@]}"
