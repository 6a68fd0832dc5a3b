package dev.convsearch.support;

import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-memory mongo-java-server in a process of its own, for measurements against an external MongoDB-wire server
 * (start it with scripts/mongo-wire-server.sh). Listens on 127.0.0.1 at the port given (default 27018) until killed.
 */
public final class StandaloneMongoWireServer {

    private StandaloneMongoWireServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27018;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("mongo-java-server (memory) listening on mongodb://127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }
}
