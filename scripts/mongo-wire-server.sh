#!/usr/bin/env bash
# Starts an in-memory mongo-java-server in its own process on 127.0.0.1:${1:-27018}, for measurements against an
# external MongoDB-wire server. Needs the test classes: ./mvnw test-compile (done by any ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -Xmx1g -cp "$(scripts/test-classpath.sh)" dev.convsearch.support.StandaloneMongoWireServer "${1:-27018}"
