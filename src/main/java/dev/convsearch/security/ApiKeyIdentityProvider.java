package dev.convsearch.security;

import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns the API keys a request presented into the identity of the user who owns them, or fails: every failure is the
 * same 401. A request may carry a key in both headers (an OpenHands agent-server sends its sandbox's own key in
 * {@code X-Session-API-Key} beside the configured {@code Authorization: Bearer}): the keys convsearch knows decide; two
 * known keys of two different users, or no known key, are a 401.
 */
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
        List<String> keys = request.keys();
        if (keys.size() == 1) {
            return identityOf(keys.get(0)).map(identity -> Optional.ofNullable(identity)
                    .orElseThrow(AuthenticationFailedException::new));
        }
        return Uni.join().all(keys.stream().map(this::identityOf).toList()).andFailFast()
                .map(ApiKeyIdentityProvider::decide);
    }

    /** Of the identities of the keys presented (null for an unknown key), the one that decides; else a 401. */
    private static SecurityIdentity decide(List<SecurityIdentity> identities) {
        List<SecurityIdentity> known = identities.stream().filter(Objects::nonNull).toList();
        if (known.isEmpty() || known.stream().map(identity -> identity.getPrincipal().getName()).distinct()
                .count() > 1) {
            throw new AuthenticationFailedException();
        }
        return known.get(0);
    }

    /** The identity of the user who owns {@code key}, or null when convsearch knows no such key. */
    private Uni<SecurityIdentity> identityOf(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().nullItem();
        }
        byte[] hash = ApiKeys.sha256(key);
        String hashHex = HexFormat.of().formatHex(hash);
        Optional<String> staticUser = staticKeys.userOf(hash);
        if (staticUser.isPresent()) {
            return Uni.createFrom().item(identity(staticUser.get(), hashHex));
        }
        if (!key.startsWith(ApiKeys.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return storedKeys.ownerOf(hashHex).map(owner -> owner.map(o -> identity(o.userId(), hashHex)).orElse(null));
    }

    private static SecurityIdentity identity(String userId, String keyHash) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(userId))
                .addAttribute(KEY_ATTRIBUTE, keyHash)
                .build();
    }
}
