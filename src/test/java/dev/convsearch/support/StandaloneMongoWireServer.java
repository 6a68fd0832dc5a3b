package dev.convsearch.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.convsearch.embedded.EmbeddedBackends;

/**
 * A mongo-java-server in a process of its own, for measurements against an external MongoDB-wire server (start it with
 * scripts/mongo-wire-server.sh). Listens on 127.0.0.1 at the port given (default 27018) until killed. By default it
 * keeps its data in memory, with mongo-java-server's own backend: that backend uses no index but a unique one asked
 * for whole keys, so it reads every document of a collection for a page. With {@code indexed} as the second argument
 * it runs the embedded database's backend instead, on a file in a temporary folder deleted at exit: a page is then
 * read from the indexes, as MongoDB reads it.
 */
public final class StandaloneMongoWireServer {

    private StandaloneMongoWireServer() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27018;
        String kind = args.length > 1 ? args[1] : "memory";
        if (!kind.equals("memory") && !kind.equals("indexed")) {
            throw new IllegalArgumentException("the backend is memory or indexed, not " + kind);
        }
        Path file = kind.equals("indexed") ? Files.createTempDirectory("convsearch-wire-").resolve("wire.mv") : null;
        MongoBackend backend = file == null ? new MemoryBackend() : EmbeddedBackends.durable(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            if (file != null) {
                file.toFile().delete();
                file.getParent().toFile().delete();
            }
        }));
        String kept = file == null ? "memory" : "the embedded database's backend, on " + file;
        System.out.println("mongo-java-server (" + kept + ") listening on mongodb://127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }
}
