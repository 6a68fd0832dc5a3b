package dev.convsearch.rest;

import jakarta.inject.Singleton;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.convsearch.error.RateLimitedException;
import dev.convsearch.security.ApiKeyIdentityProvider;
import dev.convsearch.security.RateLimiter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/** Refuses a request (429 with {@code Retry-After}) when its API key has used its budget. */
@Singleton
public class RateLimitFilter {

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limit() {
        return identities.getDeferredIdentity().invoke(identity -> {
            String keyHash = identity.getAttribute(ApiKeyIdentityProvider.KEY_ATTRIBUTE);
            if (keyHash != null) {
                limiter.acquire(keyHash).ifPresent(seconds -> {
                    throw new RateLimitedException(seconds);
                });
            }
        }).replaceWithVoid();
    }
}
