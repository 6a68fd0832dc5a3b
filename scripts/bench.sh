#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md): seeds conversations, drives every scenario at fixed concurrency for a fixed time,
# and prints requests/s, latency percentiles, errors and CPU per request, beside the driver-alone and HTTP-ceiling
# baselines measured in the same run.
#   scripts/bench.sh [--mongo=URI] [--seconds=10] [--warmup=5] [--concurrency=16,64] [--conversations=500]
#                    [--users=10] [--scenarios=search,walk,...] [--soak=60]
# Without --mongo it starts an in-memory mongo-java-server in a process of its own. The service runs from
# target/bench/quarkus-app (the -Pbench build, with the bench-only HTTP-ceiling endpoint) on SERVICE_JAVA (default: java on PATH) with
# JAVA_OPTS (default: the small-memory settings of BENCHMARKS.md) and MALLOC_ARENA_MAX (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."

mongo=""
args=()
for arg in "$@"; do
    case "$arg" in
        --mongo=*) mongo="${arg#--mongo=}" ;;
        *) args+=("$arg") ;;
    esac
done
users=10
for arg in "${args[@]}"; do [[ "$arg" == --users=* ]] && users="${arg#--users=}"; done
port=${BENCH_PORT:-18090}
java_opts=${JAVA_OPTS:--Xmx64m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000}
service_java=${SERVICE_JAVA:-java}

echo "building target/bench/quarkus-app and the test classes..." >&2
./mvnw -q -B package -Pbench -DskipTests >&2
./mvnw -q -B test-compile >&2
classpath=$(scripts/test-classpath.sh)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ -z "$mongo" ]; then
    mongo_port=${BENCH_MONGO_PORT:-27019}
    java -Xmx1g -cp "$classpath" dev.convsearch.support.StandaloneMongoWireServer "$mongo_port" > target/bench-mongo.log 2>&1 &
    pids+=($!)
    mongo="mongodb://127.0.0.1:$mongo_port"
    sleep 2
fi

keys=$(java -cp "$classpath" dev.convsearch.bench.Benchmark --print-static-keys --users="$users")
# shellcheck disable=SC2086
(cd target/bench/quarkus-app && PORT=$port QUARKUS_MONGODB_CONNECTION_STRING="$mongo" CONVSEARCH_AUTH_STATIC_KEYS="$keys" \
    CONVSEARCH_RATE_LIMIT_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
    exec "$service_java" $java_opts -jar quarkus-run.jar) > target/bench-service.log 2>&1 &
service=$!
pids+=($service)
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
    sleep 0.1
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; service JVM: $("$service_java" -version 2>&1 | head -1) $java_opts; MongoDB: $mongo" >&2
java -cp "$classpath" dev.convsearch.bench.Benchmark --pid="$service" --port="$port" --mongo="$mongo" "${args[@]}"
