package dev.convsearch.support;

import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an in-memory mongo-java-server (the real MongoDB wire protocol, spoken by the real driver) for the tests, and
 * the static API keys of the test users.
 */
public class MongoWireServer implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new SnapshotMemoryBackend());
        String connectionString = server.bindAndGetConnectionString();
        return Map.of(
                "quarkus.mongodb.connection-string", connectionString,
                "convsearch.auth.static-keys", TestUsers.staticKeysSetting());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
