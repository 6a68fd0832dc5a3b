package dev.convsearch.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.embedded.EmbeddedMongo;
import io.quarkus.runtime.Startup;

/**
 * The keys given by configuration ({@code CONVSEARCH_AUTH_STATIC_KEYS}: {@code user_id:sha256hex,...}). With the
 * embedded database and no key configured, the key of user {@code local} kept by {@link LocalApiKey}.
 */
@Startup
@ApplicationScoped
public class StaticApiKeys {

    private static final Logger LOG = Logger.getLogger(StaticApiKeys.class);
    private static final HexFormat HEX = HexFormat.of();

    private record Entry(byte[] hash, String userId) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public StaticApiKeys(ConvsearchConfig config, EmbeddedMongo embedded) {
        config.auth().staticKeys().orElse(List.of()).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(this::addConfigured);
        if (entries.isEmpty() && embedded.active()) {
            String key = new LocalApiKey(embedded.dataDir()).loadOrCreate();
            entries.add(new Entry(ApiKeys.sha256(key), LocalApiKey.USER));
        } else if (entries.isEmpty()) {
            LOG.warn("No static API keys configured (CONVSEARCH_AUTH_STATIC_KEYS): every request will be refused");
        }
    }

    /**
     * The user whose key has SHA-256 {@code hash}. Compares against every entry in constant time, so the time taken
     * does not tell which entry, or how much of one, matched.
     */
    public Optional<String> userOf(byte[] hash) {
        String user = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash, hash)) {
                user = entry.userId;
            }
        }
        return Optional.ofNullable(user);
    }

    private void addConfigured(String entry) {
        int colon = entry.lastIndexOf(':');
        String user = colon > 0 ? entry.substring(0, colon).strip() : "";
        String hash = colon > 0 ? entry.substring(colon + 1).strip().toLowerCase() : "";
        if (user.isEmpty() || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("convsearch.auth.static-keys: each entry must be user_id:sha256hex "
                    + "(64 hex digits); entry " + (entries.size() + 1) + " is not");
        }
        entries.add(new Entry(HEX.parseHex(hash), user));
    }
}
