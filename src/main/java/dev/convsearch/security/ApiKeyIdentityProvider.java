package dev.convsearch.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns an API key into the identity of the user who owns it, or fails: every failure is the same 401. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final StaticApiKeys staticKeys;

    public ApiKeyIdentityProvider(StaticApiKeys staticKeys) {
        this.staticKeys = staticKeys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return staticKeys.userOf(ApiKeys.sha256(request.key()))
                .<Uni<SecurityIdentity>> map(user -> Uni.createFrom().item(identity(user)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException()));
    }

    private static SecurityIdentity identity(String userId) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(userId)).build();
    }
}
