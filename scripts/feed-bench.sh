#!/usr/bin/env bash
# The live feed's benchmark (see BENCHMARKS.md): the service on its embedded default database (an empty data folder),
# fed by 16 OpenHands agent-servers at once, each one conversation in the agent-server's default batches of 5 events,
# posted one after another as its WebhookSubscriber posts them; the same load on POST /api/conversations/{id}/events
# beside it, in the same run; then a crash run: the feed is cut by a kill -9 of the service, the service is started
# again, and every acknowledged event of the last 500 (and a sample of the others) must be found by a search.
#   scripts/feed-bench.sh [--conversations=16] [--batches=200] [--batch=5] [--rounds=3] [--wire]
# --wire runs the service on an in-memory MongoDB-wire server in a process of its own instead of the embedded database
# (no crash run then): what the feed costs when the database is not the embedded one.
# The service runs from target/quarkus-app on SERVICE_JAVA (default: java on PATH) with JAVA_OPTS (default -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${BENCH_PORT:-18093}
java_opts=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
service_java=${SERVICE_JAVA:-java}
rounds=3
wire=false
args=()
for arg in "$@"; do
    if [[ "$arg" == --rounds=* ]]; then rounds="${arg#--rounds=}"
    elif [[ "$arg" == --wire ]]; then wire=true
    else args+=("$arg"); fi
done

echo "building target/quarkus-app and the test classes..." >&2
./mvnw -q -B package -DskipTests >&2
./mvnw -q -B test-compile >&2
classpath=$(scripts/test-classpath.sh)

work="$PWD/target/feed-bench"
rm -rf "$work"
mkdir -p "$work"
key="cs_feed_bench_key"
keys="bench:$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
service=""
mongo=""
mongo_pid=""
trap '[ -n "$service" ] && kill -9 "$service" 2>/dev/null; [ -n "$mongo_pid" ] && kill "$mongo_pid" 2>/dev/null || true' EXIT
# start_service DATA_DIR LOG: starts the service on DATA_DIR in the background, its pid in $service
start_service() {
    # shellcheck disable=SC2086
    (cd target/quarkus-app && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$1" CONVSEARCH_AUTH_STATIC_KEYS="$keys" \
        CONVSEARCH_SEARCH_INDEX_DIR="$1/search-index" QUARKUS_LOG_CONSOLE_JSON_ENABLED=false CONVSEARCH_RATE_LIMIT_ENABLED=false \
        QUARKUS_MONGODB_CONNECTION_STRING="$mongo" \
        exec "$service_java" $java_opts -jar quarkus-run.jar) > "$2" 2>&1 &
    service=$!
}
await_ready() {
    for _ in $(seq 1 1200); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && return 0
        sleep 0.1
    done
    echo "the service did not become ready" >&2
    exit 1
}
bench() {
    java -Xmx512m -cp "$classpath" dev.convsearch.bench.FeedBenchmark --port="$port" --key="$key" "$@"
}

echo "machine: $(nproc) cores; service JVM: $("$service_java" -version 2>&1 | head -1) $java_opts" >&2
echo "| route | agent-servers | events a batch | events | seconds | events/s | p50 ms | p90 ms | p99 ms | max ms | errors |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
    # each round on an empty data folder (an empty wire server), the two routes in turns
    for route in webhook events; do
        rm -rf "$work/data"
        if [ "$wire" = true ]; then
            java -Xmx2g -cp "$classpath" dev.convsearch.support.StandaloneMongoWireServer 27022 > "$work/mongo.log" 2>&1 &
            mongo_pid=$!
            mongo="mongodb://127.0.0.1:27022"
            sleep 2
        fi
        start_service "$work/data" "$work/service-$route-$round.log"
        await_ready
        bench --route="$route" --seed="$round" "${args[@]}"
        kill "$service"
        wait "$service" 2>/dev/null || true
        service=""
        if [ -n "$mongo_pid" ]; then
            kill "$mongo_pid"
            wait "$mongo_pid" 2>/dev/null || true
            mongo_pid=""
        fi
    done
done
[ "$wire" = true ] && exit 0

echo
echo "crash run: the feed cut by a kill -9 after 5 s" >&2
rm -rf "$work/data" "$work/acknowledged.txt"
start_service "$work/data" "$work/service-crash.log"
await_ready
bench --route=webhook --seed=99 --batches=100000 --run-for-ms=8000 --acknowledged="$work/acknowledged.txt" &
feeder=$!
sleep 5
kill -9 "$service"
wait "$feeder"
start_service "$work/data" "$work/service-after-crash.log"
await_ready
grep -o 'Search index caught up.*' "$work/service-after-crash.log" | tail -1 >&2 || true
bench --verify="$work/acknowledged.txt"
