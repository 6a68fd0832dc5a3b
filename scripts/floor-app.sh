#!/usr/bin/env bash
# Builds the floor app: the least a Quarkus service answering GET /api/conversations from MongoDB can be. Only
# quarkus-rest-jackson and quarkus-mongodb-client, the same Quarkus version as convsearch, one resource that checks
# X-Session-API-Key against one fixed value (FLOOR_API_KEY, default the start-up probe's key) and runs the query of
# convsearch's default search: the user's (FLOOR_USER, default "probe") conversations, newest update first, limit
# 20 + 1. No filters, no cursor, no metrics, no validation. Its start-up and memory are what the JVM and the framework
# cost on this machine before convsearch adds anything (see BENCHMARKS.md).
#   scripts/floor-app.sh [java]   -> target/floor-app (aot-jar packaging); with a JDK 25+ java, also its AOT cache
#                                    target/floor-app/app.aot, trained against QUARKUS_MONGODB_CONNECTION_STRING
#                                    (default mongodb://127.0.0.1:27018, see scripts/mongo-wire-server.sh)
# With KEPT_EXTENSIONS=1: the same resource plus the extensions issue 13 keeps (reactive Panache, Micrometer with
# Prometheus, JSON logs, OpenTelemetry off until configured, SmallRye Health, Swagger UI), set up as convsearch sets
# them, and no other code -> target/floor-kept-app. What those extensions cost before any code of convsearch's.
set -euo pipefail
cd "$(dirname "$0")/.."
java=${1:-java}
quarkus_version=$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' pom.xml)
name=floor-app
extensions=(quarkus-rest-jackson quarkus-mongodb-client)
settings=""
if [ "${KEPT_EXTENSIONS:-}" = 1 ]; then
    name=floor-kept-app
    extensions+=(quarkus-mongodb-panache quarkus-micrometer-registry-prometheus quarkus-logging-json
        quarkus-opentelemetry quarkus-smallrye-health quarkus-swagger-ui)
    settings="quarkus.log.console.json.enabled=true
quarkus.otel.sdk.disabled=true
quarkus.micrometer.binder.http-server.enabled=true
quarkus.micrometer.binder.jvm=false
quarkus.micrometer.binder.system=false
quarkus.mongodb.metrics.enabled=true
quarkus.mongodb.health.enabled=false
quarkus.swagger-ui.always-include=true"
fi
src=target/${name%-app}-src
rm -rf "$src" "target/$name"
mkdir -p "$src/src/main/java/floor" "$src/src/main/resources"

cat > "$src/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.convsearch</groupId>
  <artifactId>$name</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>io.quarkus</groupId>
        <artifactId>quarkus-bom</artifactId>
        <version>$quarkus_version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
$(for extension in "${extensions[@]}"; do
    printf '    <dependency>\n      <groupId>io.quarkus</groupId>\n      <artifactId>%s</artifactId>\n    </dependency>\n' "$extension"
done)
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>io.quarkus</groupId>
        <artifactId>quarkus-maven-plugin</artifactId>
        <version>$quarkus_version</version>
        <extensions>true</extensions>
        <executions>
          <execution>
            <goals>
              <goal>build</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF

cat > "$src/src/main/java/floor/Conversations.java" <<'EOF'
package floor;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.bson.Document;

import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.smallrye.mutiny.Uni;

/** The key checked against one fixed value; the query convsearch's default search runs (user, sort, limit + 1). */
@Path("/api/conversations")
public class Conversations {

    private static final String KEY = System.getenv().getOrDefault("FLOOR_API_KEY", "cs_startup_probe_key");
    private static final String USER = System.getenv().getOrDefault("FLOOR_USER", "probe");

    @Inject
    ReactiveMongoClient client;

    @GET
    public Uni<Response> search(@HeaderParam("X-Session-API-Key") String key) {
        if (!KEY.equals(key)) {
            return Uni.createFrom().item(Response.status(401).build());
        }
        return client.getDatabase("convsearch").getCollection("conversations")
                .find(new Document("user_id", USER), new FindOptions()
                        .sort(new Document("last_updated_at", -1).append("conversation_id", -1)).limit(21))
                .collect().asList()
                .map(documents -> Response.ok(documents.subList(0, Math.min(20, documents.size()))).build());
    }
}
EOF

cat > "$src/src/main/resources/application.properties" <<EOF
quarkus.http.port=\${PORT:8080}
quarkus.mongodb.devservices.enabled=false
quarkus.mongodb.connection-string=\${QUARKUS_MONGODB_CONNECTION_STRING:mongodb://127.0.0.1:27018}
quarkus.package.output-directory=../../$name
quarkus.package.jar.type=aot-jar
$settings
EOF

./mvnw -q -B -f "$src/pom.xml" package -DskipTests >&2
echo "built target/$name" >&2

if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
    port=${TRAINING_PORT:-18182}
    (cd "target/$name" && PORT=$port exec "$java" ${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar) \
        > "target/${name%-app}-training.log" 2>&1 &
    pid=$!
    key=(-H "X-Session-API-Key: ${FLOOR_API_KEY:-cs_startup_probe_key}")
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "${key[@]}" "http://127.0.0.1:$port/api/conversations" && break
        sleep 0.1
    done
    for _ in $(seq 1 300); do curl -s -o /dev/null "${key[@]}" "http://127.0.0.1:$port/api/conversations"; done
    kill -TERM "$pid"
    wait "$pid" || true
    echo "AOT cache: target/$name/app.aot ($(du -h "target/$name/app.aot" | cut -f1))" >&2
fi
