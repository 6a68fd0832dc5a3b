package dev.convsearch.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.mongodb.reactive.ReactiveMongoClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness: UP when MongoDB answers a ping within {@value #PING_TIMEOUT_MILLIS} ms and the indexes exist. Answers
 * within that time whatever MongoDB does, without blocking, so a probe never hangs.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadyCheck implements AsyncHealthCheck {

    static final long PING_TIMEOUT_MILLIS = 1000;
    private static final String NAME = "MongoDB";

    private final ReactiveMongoClient client;
    private final IndexSetup indexes;

    public DatabaseReadyCheck(ReactiveMongoClient client, IndexSetup indexes) {
        this.client = client;
        this.indexes = indexes;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return client.getDatabase("admin").runCommand(new Document("ping", 1))
                .ifNoItem().after(Duration.ofMillis(PING_TIMEOUT_MILLIS)).fail()
                .map(pong -> HealthCheckResponse.named(NAME)
                        .status(indexes.ready())
                        .withData("reachable", true)
                        .withData("indexes", indexes.ready())
                        .build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("reachable", false)
                        .withData("indexes", indexes.ready())
                        .build());
    }
}
