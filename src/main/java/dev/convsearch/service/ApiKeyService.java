package dev.convsearch.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.types.ObjectId;

import dev.convsearch.api.ApiKeyInfo;
import dev.convsearch.api.CreatedApiKey;
import dev.convsearch.api.NewApiKey;
import dev.convsearch.api.Timestamps;
import dev.convsearch.error.ApiKeyNotFoundException;
import dev.convsearch.error.TooManyApiKeysException;
import dev.convsearch.error.ValidationError;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.repository.ApiKeyDocument;
import dev.convsearch.repository.ApiKeyRepository;
import dev.convsearch.security.ApiKeys;
import dev.convsearch.security.StoredApiKeys;
import io.smallrye.mutiny.Uni;

/** The caller's own API keys: create (the secret is returned once), list (never secrets), revoke. */
@ApplicationScoped
public class ApiKeyService {

    static final int NAME_MAX = 100;
    static final int KEYS_PER_USER_MAX = 100;
    static final int PREFIX_LENGTH = 10;

    private final ApiKeyRepository repository;
    private final StoredApiKeys storedKeys;

    public ApiKeyService(ApiKeyRepository repository, StoredApiKeys storedKeys) {
        this.repository = repository;
        this.storedKeys = storedKeys;
    }

    /** A new key for {@code userId}; 422 for a bad name or expiry, 409 when the user holds too many. */
    public Uni<CreatedApiKey> create(String userId, NewApiKey body) {
        Instant now = Timestamps.now();
        ValidationErrors errors = new ValidationErrors();
        String name = body.name() == null ? null : body.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(ValidationError.body("name", "String should have at least 1 character", "string_too_short"));
        } else if (name.length() > NAME_MAX) {
            errors.add(ValidationError.body("name", "String should have at most " + NAME_MAX + " characters",
                    "string_too_long"));
        }
        Instant expiresAt = ConversationRules.date("expires_at", body.expiresAt(), errors);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            errors.add(ValidationError.body("expires_at", "Input should be in the future", "datetime_future"));
        }
        errors.throwIfAny();
        String key = ApiKeys.generate();
        ApiKeyDocument doc = new ApiKeyDocument();
        doc.userId = userId;
        doc.name = name;
        doc.prefix = key.substring(0, PREFIX_LENGTH);
        doc.keyHash = ApiKeys.sha256Hex(key);
        doc.createdAt = now;
        doc.expiresAt = expiresAt;
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
