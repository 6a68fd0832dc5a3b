package dev.convsearch.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.convsearch.api.ApiKeyInfo;
import dev.convsearch.api.CreatedApiKey;
import dev.convsearch.api.NewApiKey;
import dev.convsearch.api.Timestamps;
import dev.convsearch.error.ApiKeyNotFoundException;
import dev.convsearch.error.TooManyApiKeysException;
import dev.convsearch.repository.ApiKeyDocument;
import dev.convsearch.repository.ApiKeyRepository;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.security.StoredApiKeys;
import io.smallrye.mutiny.Uni;

/** The caller's own API keys: create (the secret is returned once), list (never secrets), revoke. */
@ApplicationScoped
public class ApiKeyService {

    static final int KEYS_PER_USER_MAX = 100;
    static final int PREFIX_LENGTH = 10;

    private final ApiKeyRepository repository;
    private final StoredApiKeys storedKeys;

    public ApiKeyService(ApiKeyRepository repository, StoredApiKeys storedKeys) {
        this.repository = repository;
        this.storedKeys = storedKeys;
    }

    /** A new key for {@code userId} from a validated body; 409 when the user holds too many. */
    public Uni<CreatedApiKey> create(String userId, NewApiKey body) {
        String key = ApiKeys.generate();
        ApiKeyDocument doc = new ApiKeyDocument();
        doc.userId = userId;
        doc.name = body.name().strip();
        doc.prefix = key.substring(0, PREFIX_LENGTH);
        doc.keyHash = ApiKeys.sha256Hex(key);
        doc.createdAt = Timestamps.now();
        doc.expiresAt = body.expiresAt();
        return repository.countByUser(userId)
                .invoke(count -> {
                    if (count >= KEYS_PER_USER_MAX) {
                        throw new TooManyApiKeysException();
                    }
                })
                .chain(() -> repository.persist(doc))
                .map(saved -> new CreatedApiKey(saved.id.toHexString(), saved.name, saved.prefix, saved.createdAt,
                        saved.expiresAt, key));
    }

    /** The user's keys, newest first, without secrets. */
    public Uni<List<ApiKeyInfo>> list(String userId) {
        return repository.listByUser(userId).map(docs -> docs.stream()
                .map(doc -> new ApiKeyInfo(doc.id.toHexString(), doc.name, doc.prefix, doc.createdAt, doc.expiresAt,
                        doc.lastUsedAt))
                .toList());
    }

    /** Revokes the user's key {@code id}: it stops working at once here, and within the cache period elsewhere. */
    public Uni<Void> revoke(String userId, String id) {
        if (!ObjectId.isValid(id)) {
            return Uni.createFrom().failure(new ApiKeyNotFoundException());
        }
        return repository.deleteOwned(userId, new ObjectId(id))
                .onItem().ifNull().failWith(ApiKeyNotFoundException::new)
                .chain(doc -> storedKeys.forget(doc.keyHash));
    }
}
