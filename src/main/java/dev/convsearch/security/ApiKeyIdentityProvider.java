package dev.convsearch.security;

import java.util.HexFormat;
import java.util.Optional;

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

    /** The identity attribute naming the key a request used (its SHA-256 hex): what rate limits count by. */
    public static final String KEY_ATTRIBUTE = "convsearch.key-hash";
    /** Longer than any key convsearch makes; longer input is refused without a lookup. */
    private static final int MAX_KEY_LENGTH = 256;

    private final StaticApiKeys staticKeys;
    private final StoredApiKeys storedKeys;

    public ApiKeyIdentityProvider(StaticApiKeys staticKeys, StoredApiKeys storedKeys) {
        this.staticKeys = staticKeys;
        this.storedKeys = storedKeys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String key = request.key();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        byte[] hash = ApiKeys.sha256(key);
        String hashHex = HexFormat.of().formatHex(hash);
        Optional<String> staticUser = staticKeys.userOf(hash);
        if (staticUser.isPresent()) {
            return Uni.createFrom().item(identity(staticUser.get(), hashHex));
        }
        if (!key.startsWith(ApiKeys.PREFIX)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return storedKeys.ownerOf(hashHex).map(owner -> owner
                .map(o -> identity(o.userId(), hashHex))
                .orElseThrow(AuthenticationFailedException::new));
    }

    private static SecurityIdentity identity(String userId, String keyHash) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(userId))
                .addAttribute(KEY_ATTRIBUTE, keyHash)
                .build();
    }
}
