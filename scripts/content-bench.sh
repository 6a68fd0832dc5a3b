#!/usr/bin/env bash
# The benchmark of search inside conversations (see BENCHMARKS.md): the service on its embedded default database,
# loaded through its own endpoints with users x conversations x events of generated text (fixed seed), then searched
# with q at a fixed concurrency beside "Lucene alone" (the same searches on the same index in the benchmark's process).
# Each kind of query (1, 2, 3 words, a phrase) has its row, and so does every kind mixed (one of each in turn, the
# issue's own measure), then a sentence of 6 to 10 words as people type a question (not in the mix). Lucene alone (the service's own index and searches, in the benchmark's process) is measured
# whole, then without the page's text matches (its matching and page alone); two more baselines: one Lucene document
# per conversation, its top 21 alone, and the same with the page's best 3 passages each from Lucene's
# UnifiedHighlighter. A second table has two pages the database orders, through the service alone: a user's first
# page without q, and the 1-word queries in UPDATED_AT_DESC order. A third has searches with q of 500 characters (a
# word again and again, the corpus's commonest words, as words and as a phrase), through the service alone.
#   scripts/content-bench.sh [--users=10] [--conversations=500] [--events=40] [--event-bytes=500] [--concurrency=16]
#                            [--seconds=10] [--warmup=5] [--jit-warmup=60] [--seed=23] [--search-only] [--data=DIR]
#                            [--wire | --wire=indexed] [--trickle=EVENTS_PER_SECOND]
# Before the first measured search, --jit-warmup seconds of every kind of query mixed, unmeasured (0: none, as before
# 2026-12-06): each kind's own 5 s warm-up left the JIT compiling through the measured window.
# --search-only searches the data of the last run (target/content-bench/data) without loading it again.
# --data=DIR searches the data folder DIR (a copy of one a run loaded) and nothing else: no load, no restarts. For
# side-by-side runs of two builds, each on its own copy (JAVA_OPTS=-Xmx2g when the index has to be built anew).
# --trickle posts that many new events a second (batches of 5) from before the JIT warm-up to the last search, as
# agent-servers feeding running conversations do: the index is never quiet, and the service's CPU holds the writes'.
# --wire runs the service on an in-memory MongoDB-wire server in a process of its own (scripts/bench.sh's), instead of
# the embedded database: what the service and Lucene cost when the database is not the embedded one. That server reads
# every document of a collection for a page; --wire=indexed runs the embedded database's backend in that process
# instead (on a temporary file), which reads a page from its indexes, as MongoDB does.
# On the embedded database it then restarts the service: on an empty data folder and on the loaded one after a clean
# stop (3 rounds each), and on the loaded one after a kill -9, and prints the time to ready and the catch-up's own line.
# The service runs from target/quarkus-app on SERVICE_JAVA (default: java on PATH) with JAVA_OPTS (default -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${BENCH_PORT:-18091}
java_opts=${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
service_java=${SERVICE_JAVA:-java}
users=10
search_only=false
wire=false
wire_backend=memory
elsewhere=false
data="$PWD/target/content-bench/data"
args=()
for arg in "$@"; do
    [[ "$arg" == --users=* ]] && users="${arg#--users=}"
    [[ "$arg" == --search-only ]] && search_only=true
    if [[ "$arg" == --wire ]]; then
        wire=true
    elif [[ "$arg" == --wire=indexed ]]; then
        wire=true; wire_backend=indexed
    elif [[ "$arg" == --data=* ]]; then
        data=$(cd "${arg#--data=}" && pwd); elsewhere=true; search_only=true; args+=(--search-only)
    else
        args+=("$arg")
    fi
done

echo "building target/quarkus-app and the test classes..." >&2
./mvnw -q -B package -DskipTests >&2
./mvnw -q -B test-compile >&2
classpath=$(scripts/test-classpath.sh)

if [ "$search_only" = false ]; then
    rm -rf target/content-bench
fi
mkdir -p "$data" target/content-bench
keys=$(java -cp "$classpath" dev.convsearch.bench.Benchmark --print-static-keys --users="$users")
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
mongo=""
if [ "$wire" = true ]; then
    java -Xmx2g -cp "$classpath" dev.convsearch.support.StandaloneMongoWireServer 27020 "$wire_backend" > target/content-bench/mongo.log 2>&1 &
    pids+=($!)
    mongo="mongodb://127.0.0.1:27020"
    sleep 2
fi
# start_service DATA_DIR LOG: starts the service on DATA_DIR in the background, its pid in $service
start_service() {
    # shellcheck disable=SC2086
    (cd target/quarkus-app && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$1" CONVSEARCH_AUTH_STATIC_KEYS="$keys" \
        CONVSEARCH_SEARCH_INDEX_DIR="$1/search-index" QUARKUS_MONGODB_CONNECTION_STRING="$mongo" \
        CONVSEARCH_RATE_LIMIT_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
        exec "$service_java" $java_opts -jar quarkus-run.jar) > "$2" 2>&1 &
    service=$!
    pids+=($service)
}
# await_ready: milliseconds until readiness is UP (the search index caught up), up to 10 minutes
await_ready() {
    local start=$(date +%s%N)
    for _ in $(seq 1 6000); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
        sleep 0.1
    done
    echo $(( ($(date +%s%N) - start) / 1000000 ))
}
caught_up() {
    grep -o 'Search index caught up.*' "$1" | tail -1
}

start_service "$data" target/content-bench/service.log
await_ready > /dev/null
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; service JVM: $("$service_java" -version 2>&1 | head -1) $java_opts" >&2
java -Xmx1g -cp "$classpath" dev.convsearch.bench.ContentBenchmark --pid="$service" --port="$port" \
    --index="$data/search-index" "${args[@]}"

if [ "$elsewhere" = true ]; then
    kill -TERM "$service"; wait "$service" 2>/dev/null || true
elif [ "$wire" = false ]; then
    # start-up: the loaded data folder after a clean stop and after a kill -9, beside an empty one
    kill -TERM "$service"; wait "$service" 2>/dev/null || true
    echo
    echo "| start-up (embedded) | ready after ms | the search index's catch-up |"
    echo "|---|---|---|"
    for round in 1 2 3; do
        rm -rf target/content-bench/empty
        start_service "$PWD/target/content-bench/empty" target/content-bench/restart.log
        ms=$(await_ready); kill -TERM "$service"; wait "$service" 2>/dev/null || true
        echo "| empty data folder, round $round | $ms | $(caught_up target/content-bench/restart.log) |"
        start_service "$data" target/content-bench/restart.log
        ms=$(await_ready); kill -TERM "$service"; wait "$service" 2>/dev/null || true
        echo "| loaded, after a clean stop, round $round | $ms | $(caught_up target/content-bench/restart.log) |"
    done
    # 10 000 events sent again (each replaces itself), then a kill -9: the next start catches them up
    start_service "$data" target/content-bench/restart.log
    await_ready > /dev/null
    java -Xmx1g -cp "$classpath" dev.convsearch.bench.ContentBenchmark --pid="$service" --port="$port" \
        --index="$data/search-index" --resend=10000 "${args[@]}" >&2
    kill -KILL "$service"; wait "$service" 2>/dev/null || true
    start_service "$data" target/content-bench/restart.log
    ms=$(await_ready); kill -TERM "$service"; wait "$service" 2>/dev/null || true
    echo "| loaded, after 10 000 events sent again and a kill -9 | $ms | $(caught_up target/content-bench/restart.log) |"
fi
