package dev.convsearch.rest;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.convsearch.error.RateLimitedException;
import dev.convsearch.security.ApiKeyIdentityProvider;
import dev.convsearch.security.RateLimiter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a request (429 with {@code Retry-After}) when its API key has used its budget. The live feed's webhooks are
 * not counted: an OpenHands agent-server posts every batch of every conversation it runs, and a refused batch holds
 * that conversation's feed back (it is retried, then queued again).
 */
@Singleton
public class RateLimitFilter {

    private static final String WEBHOOKS = "/api/v1/webhooks/";

    private final RateLimiter limiter;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(RateLimiter limiter, CurrentIdentityAssociation identities) {
        this.limiter = limiter;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Void> limit(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith(WEBHOOKS)) {
            return Uni.createFrom().voidItem();
        }
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
