package dev.convsearch.support;

import java.net.BindException;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A mongo-java-server that a test can stop under the running service and start again on the same port. */
public class RestartableMongoWireServer implements QuarkusTestResourceLifecycleManager {

    private static MongoServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new SnapshotMemoryBackend());
        port = server.bind().getPort();
        return Map.of(
                "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + port,
                "convsearch.auth.static-keys", TestUsers.staticKeysSetting());
    }

    @Override
    public void stop() {
        stopServer();
    }

    /** Stops the server: open connections close, new ones are refused. */
    public static synchronized void stopServer() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** Starts an empty server on the same port again. */
    public static synchronized void startServer() throws InterruptedException {
        for (int attempt = 0; server == null; attempt++) {
            MongoServer next = new MongoServer(new SnapshotMemoryBackend());
            try {
                next.bind("127.0.0.1", port);
                server = next;
            } catch (RuntimeException e) {
                next.shutdownNow();
                if (!(e.getCause() instanceof BindException) || attempt > 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
