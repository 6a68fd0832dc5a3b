#!/usr/bin/env bash
# Creates the JDK AOT cache (Project Leyden, JDK 25+) of a packaged convsearch by a training run: starts it with
# -XX:AOTCacheOutput, sends it the requests users send (search with every filter and order, paging, count, create,
# read, patch, delete, import, keys, errors), then stops it; the JVM writes the cache as it exits.
# The cache only works for the JDK and the application path it was made with: run this where the app will run.
#   scripts/aot-train.sh [app-dir] [java]   (defaults: target/quarkus-app, java on PATH)
# Then start with:  cd <app-dir> && java $JAVA_OPTS -XX:AOTCache=app.aot -jar quarkus-run.jar
# Trains against the embedded database, or against QUARKUS_MONGODB_CONNECTION_STRING when it is set. JVM options in
# JAVA_OPTS are used for the training run too: start the service with the same ones (notably the same GC). The training
# heap is held to 512 MB whatever JAVA_OPTS says: a JVM whose heap could pass 32 GB (MaxRAMPercentage on a big build
# host) runs without compressed object pointers, and its cache is refused by every JVM with a smaller heap.
set -euo pipefail
app_dir=$(cd "${1:-target/quarkus-app}" && pwd)
java=${2:-java}
port=${TRAINING_PORT:-18181}
key=cs_aot_training_key
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
data=$(mktemp -d)
log="$data/training.log"
base="http://127.0.0.1:$port"

cd "$app_dir"
rm -f app.aot
PORT=$port CONVSEARCH_EMBEDDED_DATA_DIR="$data" CONVSEARCH_AUTH_STATIC_KEYS="training:$hash" \
    CONVSEARCH_RATE_LIMIT_ENABLED=false QUARKUS_SHUTDOWN_DELAY=0s \
    "$java" ${JAVA_OPTS:-} -Xmx512m -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$base/q/health/ready" && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done

call() { curl -s -o /dev/null -H "X-Session-API-Key: $key" -H 'Content-Type: application/json' "$@"; }
for round in $(seq 1 3); do
    for i in $(seq 1 20); do
        call -X POST -d "{\"conversation_id\":\"t$round-$i\",\"title\":\"Training $i\",\"selected_repository\":\"acme/r$((i % 3))\",\"trigger\":\"gui\",\"created_at\":\"2025-01-0$((i % 9 + 1))T00:00:00Z\"}" "$base/api/conversations"
    done
    for order in UPDATED_AT_DESC CREATED_AT_DESC UPDATED_AT CREATED_AT; do
        next=$(curl -s -H "X-Session-API-Key: $key" "$base/api/conversations?limit=7&sort_order=$order" | sed -n 's/.*"next_page_id":"\([^"]*\)".*/\1/p')
        [ -n "$next" ] && call "$base/api/conversations?limit=7&sort_order=$order&page_id=$next"
        call "$base/api/conversations?selected_repository=acme/r1&conversation_trigger=gui&sort_order=$order"
    done
    call "$base/api/conversations?title__contains=train&created_at__gte=2025-01-02T00:00:00Z&updated_at__lt=2030-01-01T00:00:00Z"
    call "$base/api/conversations/count?selected_repository=acme/r2"
    call "$base/api/conversations/t$round-1"
    call -X PATCH -d '{"title":"Renamed","status":"RUNNING"}' "$base/api/conversations/t$round-2"
    call -X DELETE "$base/api/conversations/t$round-3"
    printf '{"conversation_id":"imp-%s","title":"Imported","created_at":"2025-01-01T00:00:00.123456+00:00"}\n{broken\n' "$round" |
        curl -s -o /dev/null -H "X-Session-API-Key: $key" -H 'Content-Type: application/x-ndjson' --data-binary @- "$base/api/conversations/import"
    id=$(curl -s -H "X-Session-API-Key: $key" -H 'Content-Type: application/json' -d '{"name":"training"}' "$base/api/keys" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
    call "$base/api/keys"
    [ -n "$id" ] && call -X DELETE "$base/api/keys/$id"
    call "$base/api/conversations?limit=0&conversation_trigger=nope&page_id=bad"
    call -X POST -d '{"bogus":1}' "$base/api/conversations"
    curl -s -o /dev/null "$base/api/conversations"
    curl -s -o /dev/null "$base/q/health/live"
    curl -s -o /dev/null "$base/q/metrics"
done

kill -TERM "$pid"
wait "$pid" || true
[ -f app.aot ] || { echo "no AOT cache was written; log:" >&2; cat "$log" >&2; exit 1; }
echo "AOT cache: $app_dir/app.aot ($(du -h app.aot | cut -f1)), for $("$java" -version 2>&1 | head -1)"
