#!/usr/bin/env bash
# Prints the classpath of the test classes (target/test-classes, target/classes and every test dependency), for the
# benchmarks and tools that run them outside Maven; the dependency list is kept in target/test-classpath.txt and made
# again when pom.xml is newer. Needs the classes compiled (./mvnw test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
cp=target/test-classpath.txt
if [ ! -f "$cp" ] || [ pom.xml -nt "$cp" ]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
fi
echo "$PWD/target/test-classes:$PWD/target/classes:$(cat "$cp")"
