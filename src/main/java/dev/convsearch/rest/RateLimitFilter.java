package dev.convsearch.rest;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.convsearch.error.ErrorDetail;
import dev.convsearch.security.ApiKeyIdentityProvider;
import dev.convsearch.security.RateLimiter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/** Answers 429 with {@code Retry-After} when the request's API key has used its budget. */
@Singleton
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> limit() {
        return identities.getDeferredIdentity().map(identity -> {
            String keyHash = identity.getAttribute(ApiKeyIdentityProvider.KEY_ATTRIBUTE);
            if (keyHash == null) {
                return null;
            }
            return limiter.acquire(keyHash).stream()
                    .mapToObj(seconds -> Response.status(429)
                            .header("Retry-After", seconds)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(new ErrorDetail("Too many requests"))
                            .build())
                    .findFirst().orElse(null);
        });
    }
}
