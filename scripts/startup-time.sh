#!/usr/bin/env bash
# Measures start-up as a user sees it: from exec of the packaged service to the first successful authenticated search.
# Usage: scripts/startup-time.sh [runs] [java command]   (build first: ./mvnw package -DskipTests)
# Uses the embedded database in a fresh folder per run, unless QUARKUS_MONGODB_CONNECTION_STRING is set.
# Extra JVM options can be given in JAVA_OPTS, e.g. JAVA_OPTS=-XX:AOTCache=app.aot (after ./mvnw -Paot verify on a JDK 25): the
# service runs from its app folder (APP_DIR, default target/quarkus-app), as the AOT cache was trained.
# Prints the runs and their median, in milliseconds. To compare configurations side by side: scripts/startup-compare.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
app_dir=${APP_DIR:-target/quarkus-app}
[ -f "$app_dir/quarkus-run.jar" ] || { echo "no $app_dir/quarkus-run.jar: run ./mvnw package -DskipTests first" >&2; exit 1; }
exec scripts/startup-compare.sh "${1:-5}" "${2:-java}" "$app_dir|${JAVA_OPTS:-}"
