package dev.convsearch.security;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

import dev.convsearch.repository.ApiKeyDocument;
import dev.convsearch.repository.ApiKeyRepository;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;

/**
 * Finds the owner of a key created through the API. Lookups, found or not, are cached for
 * {@code quarkus.cache.caffeine."api-keys".expire-after-write} (3 s): so a key revoked on another replica stops
 * working within that time, and the replica that revokes it forgets it at once. Expiry is checked at every use.
 */
@ApplicationScoped
public class StoredApiKeys {

    private static final Logger LOG = Logger.getLogger(StoredApiKeys.class);

    /** Who owns a key, which key it is, and until when it works (null: no end). */
    public record KeyOwner(String userId, ObjectId keyId, Instant expiresAt) {

        boolean validAt(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    private final ApiKeyRepository repository;
    private final Cache cache;

    public StoredApiKeys(ApiKeyRepository repository, @CacheName("api-keys") Cache cache) {
        this.repository = repository;
        this.cache = cache;
    }

    /** The owner of the key with SHA-256 {@code keyHash}, when it exists and has not expired. */
    public Uni<Optional<KeyOwner>> ownerOf(String keyHash) {
        Instant now = Instant.now();
        return cache.<String, Optional<KeyOwner>> getAsync(keyHash, this::load)
                .map(owner -> owner.filter(o -> o.validAt(now)));
    }

    /** Forgets a key on this replica at once (after it was revoked). */
    public Uni<Void> forget(String keyHash) {
        return cache.invalidate(keyHash);
    }

    private Uni<Optional<KeyOwner>> load(String keyHash) {
        return repository.findByHash(keyHash).map(doc -> {
            if (doc == null) {
                return Optional.<KeyOwner> empty();
            }
            touch(doc);
            return Optional.of(new KeyOwner(doc.userId, doc.id, doc.expiresAt));
        });
    }

    /** Records last use without delaying the request; a failure only costs the record. */
    private void touch(ApiKeyDocument doc) {
        repository.touch(doc.id, Instant.now()).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf("Could not record the use of key %s: %s", doc.id, failure.getMessage()));
    }
}
