package dev.convsearch.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Readiness: DOWN until the search indexes exist. */
@Readiness
@ApplicationScoped
public class IndexesReadyCheck implements AsyncHealthCheck {

    private final IndexSetup indexes;

    public IndexesReadyCheck(IndexSetup indexes) {
        this.indexes = indexes;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("conversation indexes").status(indexes.ready()).build());
    }
}
