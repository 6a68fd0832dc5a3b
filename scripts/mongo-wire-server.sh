#!/usr/bin/env bash
# Starts mongo-java-server (in memory) in its own process on 127.0.0.1:${1:-27018}, for measurements against an
# external MongoDB-wire server; with "indexed" as the second argument, the embedded database's backend (on a temporary
# file) instead, which reads a page from its indexes as MongoDB does. Needs the test classes: ./mvnw test-compile (done
# by any ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -Xmx1g -cp "$(scripts/test-classpath.sh)" dev.convsearch.support.StandaloneMongoWireServer "${1:-27018}" "${2:-memory}"
