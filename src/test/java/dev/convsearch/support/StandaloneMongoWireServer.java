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
        boolean indexed = args.length > 1 && args[1].equals("indexed");
        Path folder = indexed ? Files.createTempDirectory("convsearch-wire-") : null;
        MongoBackend backend = indexed ? EmbeddedBackends.durable(folder.resolve("wire.mv").toString())
                : new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            if (folder != null) {
                folder.resolve("wire.mv").toFile().delete();
                folder.toFile().delete();
            }
        }));
        System.out.println("mongo-java-server (" + (indexed ? "the embedded database's backend, in " + folder
                : "memory") + ") listening on mongodb://127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }
}
