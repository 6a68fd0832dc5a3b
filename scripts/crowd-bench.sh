#!/usr/bin/env bash
# Whether one user's search with q costs more in a search index shared with many other users (see BENCHMARKS.md):
# the user's texts alone, and among a crowd of other users' conversations (a title and one short event each, 50 a
# user), each written by the service's own index and merged into one segment, then the user's searches (1, 2, 3 words
# and phrases) on each in turns, in one thread: CPU time and bytes allocated per search. No HTTP, no database.
#   scripts/crowd-bench.sh [--crowd=1000000] [--conversations=500] [--events=40] [--event-bytes=500] [--rounds=5]
#                          [--searches=2000] [--seed=23] [--folder=target/crowd-bench]
# The folders are built once and kept (target/crowd-bench/alone-SHAPE and among-N-SHAPE, SHAPE the user's); delete
# them to build them again.
# Runs on JAVA (default: java on PATH) with JAVA_OPTS (default -Xmx256m -XX:+UseSerialGC, the service's).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building the test classes..." >&2
./mvnw -q -B test-compile >&2
exec "${JAVA:-java}" ${JAVA_OPTS:--Xmx256m -XX:+UseSerialGC} -cp "$(scripts/test-classpath.sh)" \
    dev.convsearch.bench.CrowdBenchmark "$@"
