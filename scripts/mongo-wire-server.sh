#!/usr/bin/env bash
# Starts an in-memory mongo-java-server in its own process on 127.0.0.1:${1:-27018}, for measurements against an
# external MongoDB-wire server. Needs the test classes: ./mvnw test-compile (done by any ./mvnw verify).
set -euo pipefail
cd "$(dirname "$0")/.."
cp=target/test-classpath.txt
if [ ! -f "$cp" ] || [ pom.xml -nt "$cp" ]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
fi
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$cp")" dev.convsearch.support.StandaloneMongoWireServer "${1:-27018}"
