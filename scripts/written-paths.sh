#!/usr/bin/env bash
# Lists every path the packaged service opens for writing, creates, renames or removes, with MongoDB configured (as
# in Kubernetes), through searches, an import, a metrics scrape and a graceful shutdown. Runs it under Debian's strace
# (apt-get install strace). Needs a packaged jar and the test classes: ./mvnw verify (or package + test-compile).
# Usage: scripts/written-paths.sh [java]   (default: java on the PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
java=${1:-java}
port=18090
mongo_port=27019
work=$(mktemp -d)
trap 'kill $mongo 2>/dev/null || true; rm -rf "$work"' EXIT

scripts/mongo-wire-server.sh $mongo_port >"$work/mongo.log" 2>&1 &
mongo=$!
key=cs_writtenpathskey
hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)

# From a working directory of its own, as a container's (the paths it writes are what the list shows).
(cd target/quarkus-app && env PORT=$port QUARKUS_MONGODB_CONNECTION_STRING=mongodb://127.0.0.1:$mongo_port \
    CONVSEARCH_AUTH_STATIC_KEYS="ops:$hash" \
    strace -f -qq -y -o "$work/trace" -e trace=openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat \
    "$java" -jar quarkus-run.jar >"$work/service.log" 2>&1) &
service=$!

for _ in $(seq 1 600); do
    curl -fs -o /dev/null "localhost:$port/q/health/ready" && break
    sleep 0.1
done
auth=(-H "X-Session-API-Key: $key")
for i in $(seq 1 20); do
    curl -fs -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \
        -d "{\"conversation_id\":\"c$i\",\"title\":\"t$i\",\"selected_repository\":\"o/r\"}" "localhost:$port/api/conversations"
done
for i in $(seq 1 200); do
    printf '{"conversation_id":"i%d","title":"imported %d","trigger":"gui"}\n' "$i" "$i"
done | curl -fs -o /dev/null "${auth[@]}" -H 'Content-Type: application/x-ndjson' --data-binary @- \
    "localhost:$port/api/conversations/import"
for query in "" "?limit=5" "?selected_repository=o/r" "?conversation_trigger=gui&limit=100"; do
    curl -fs -o /dev/null "${auth[@]}" "localhost:$port/api/conversations$query"
done
curl -fs -o /dev/null "${auth[@]}" "localhost:$port/api/v1/app-conversations/search"
curl -fs -o /dev/null "localhost:$port/q/metrics"
curl -fs -o /dev/null "localhost:$port/q/openapi"
curl -fs -o /dev/null "localhost:$port/q/health"
pkill -TERM -f "quarkus-run.jar" -n
wait $service || true

echo "# paths opened for writing (O_WRONLY, O_RDWR or O_CREAT), created, renamed or removed (numbers shown as N):"
# -y makes strace print the path behind each descriptor, so a relative name resolves against the process's directory
grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(|mkdir|rename|unlink' "$work/trace" | grep -v ENOENT \
    | perl -ne 'if (/= \d+<([^>]+)>/) { print "$1\n" } elsif (/(?:AT_FDCWD<([^>]*)>, )?"([^"]+)"/) {
        my ($dir, $name) = ($1, $2); print(($name =~ m{^/} ? $name : "$dir/$name") . "\n") }' \
    | sed -E 's/[0-9]{3,}/N/g' | sort | uniq -c | sort -rn
