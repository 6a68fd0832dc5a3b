#!/usr/bin/env bash
# Builds the floor app: the least a Quarkus service answering GET /api/conversations from MongoDB can be. Only
# quarkus-rest-jackson and quarkus-mongodb-client, the same Quarkus version as convsearch, one resource returning the
# 20 most recently updated documents of convsearch.conversations: no key, no filters, no cursor, no metrics, no
# validation. Its start-up and memory are what the JVM and the framework cost on this machine before convsearch adds
# anything (see BENCHMARKS.md).
#   scripts/floor-app.sh [java]   -> target/floor-app (aot-jar packaging); with a JDK 25+ java, also its AOT cache
#                                    target/floor-app/app.aot, trained against QUARKUS_MONGODB_CONNECTION_STRING
#                                    (default mongodb://127.0.0.1:27018, see scripts/mongo-wire-server.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
java=${1:-java}
quarkus_version=$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml)
src=target/floor-src
rm -rf "$src" target/floor-app
mkdir -p "$src/src/main/java/floor" "$src/src/main/resources"

cat > "$src/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.convsearch</groupId>
  <artifactId>floor-app</artifactId>
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
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-rest-jackson</artifactId>
    </dependency>
    <dependency>
      <groupId>io.quarkus</groupId>
      <artifactId>quarkus-mongodb-client</artifactId>
    </dependency>
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
import jakarta.ws.rs.Path;

import org.bson.Document;

import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.smallrye.mutiny.Uni;

@Path("/api/conversations")
public class Conversations {

    @Inject
    ReactiveMongoClient client;

    @GET
    public Uni<List<Document>> latest() {
        return client.getDatabase("convsearch").getCollection("conversations")
                .find(new FindOptions().sort(new Document("last_updated_at", -1)).limit(20))
                .collect().asList();
    }
}
EOF

cat > "$src/src/main/resources/application.properties" <<'EOF'
quarkus.http.port=${PORT:8080}
quarkus.mongodb.devservices.enabled=false
quarkus.mongodb.connection-string=${QUARKUS_MONGODB_CONNECTION_STRING:mongodb://127.0.0.1:27018}
quarkus.package.output-directory=../../floor-app
quarkus.package.jar.type=aot-jar
EOF

./mvnw -q -B -f "$src/pom.xml" package -DskipTests >&2
echo "built target/floor-app" >&2

if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
    port=${TRAINING_PORT:-18182}
    (cd target/floor-app && PORT=$port exec "$java" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar) \
        > target/floor-training.log 2>&1 &
    pid=$!
    for _ in $(seq 1 300); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/api/conversations" && break
        sleep 0.1
    done
    for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/api/conversations"; done
    kill -TERM "$pid"
    wait "$pid" || true
    echo "AOT cache: target/floor-app/app.aot ($(du -h target/floor-app/app.aot | cut -f1))" >&2
fi
