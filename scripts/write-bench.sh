#!/usr/bin/env bash
# The cost of a write (see BENCHMARKS.md): starts the packaged service (APP_DIR, default target/quarkus-app) on its
# embedded default in a fresh data folder, or on QUARKUS_MONGODB_CONNECTION_STRING when it is set, creates conversations
# for a fixed time at each concurrency, imports one body of many lines, and prints creates/s and import lines/s.
#   scripts/write-bench.sh [--seconds=10] [--concurrency=1,16] [--import-lines=100000]
# Build first: ./mvnw package -DskipTests (and ./mvnw test-compile for the client).
set -euo pipefail
cd "$(dirname "$0")/.."
app_dir=${APP_DIR:-target/quarkus-app}
port=${BENCH_PORT:-18091}
classpath=$(scripts/test-classpath.sh)
data=$(mktemp -d)
key=cs_write_bench_key
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
(cd "$app_dir" && PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$data" CONVSEARCH_RATE_LIMIT_ENABLED=false \
    CONVSEARCH_AUTH_STATIC_KEYS="bench:$hash" \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false exec java ${JAVA_OPTS:-} -jar quarkus-run.jar) > target/write-bench-service.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
    sleep 0.1
done
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); data folder on $(df -P "$data" | awk 'NR==2 {print $1}')" >&2
java -cp "$classpath" dev.convsearch.bench.EmbeddedWrites \
    --base="http://127.0.0.1:$port" --key="$key" "$@"
if [ -f "$data/convsearch.mv" ]; then
    echo "database file: $(du -h "$data/convsearch.mv" | cut -f1)" >&2
fi
