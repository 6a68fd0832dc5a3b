package dev.convsearch.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.convsearch.domain.TextIndex;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Readiness: UP once the search index is open and has caught up with MongoDB since start. */
@Readiness
@ApplicationScoped
public class SearchIndexReadyCheck implements AsyncHealthCheck {

    private final TextIndex index;
    private final SearchIndexFollower follower;

    public SearchIndexReadyCheck(TextIndex index, SearchIndexFollower follower) {
        this.index = index;
        this.follower = follower;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("Search index")
                .status(index.ready())
                .withData("caught_up", index.ready())
                .withData("lag_seconds", follower.lag().toSeconds())
                .build());
    }
}
