package dev.convsearch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.jboss.logging.Logger;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterConnectionMode;

import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.config.ConvsearchConfig;
import io.quarkus.mongodb.runtime.MongoClientCustomizer;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The embedded default: when no {@code quarkus.mongodb.connection-string} is set, starts mongo-java-server on an H2
 * file under the data folder, on a loopback port, and points the MongoDB client at it before it connects. It is for
 * trying convsearch and local use; production sets a connection string to MongoDB 6+. Every write is on disk before
 * it is acknowledged (see {@link DurableH2Backend}).
 */
@Singleton
public class EmbeddedMongo implements MongoClientCustomizer {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class);
    private static final int EMBEDDED_READ_TIMEOUT_SECONDS = 120;

    private final boolean active;
    private final Path dataDir;
    private MongoServer server;

    public EmbeddedMongo(ConvsearchConfig config,
            @ConfigProperty(name = "quarkus.mongodb.connection-string") Optional<String> connectionString) {
        this.active = config.embedded().enabled() && connectionString.filter(s -> !s.isBlank()).isEmpty();
        this.dataDir = Path.of(config.embedded().dataDir()).toAbsolutePath();
    }

    /** Whether the service runs on the embedded database. */
    public boolean active() {
        return active;
    }

    /** Where the embedded database and the local API key live. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public MongoClientSettings.Builder customize(MongoClientSettings.Builder builder) {
        if (!active) {
            return builder;
        }
        InetSocketAddress address = start();
        // The 4 s read timeout is for a MongoDB that stops answering; this one is in the process, and reads every
        // document of a collection for any query but one by _id (it has no range indexes), so a big read can take
        // longer: the search index's catch-up after a crash reads 200 000 events in about 8 s.
        return builder.applyToClusterSettings(cluster -> cluster
                .hosts(List.of(new ServerAddress(address.getHostString(), address.getPort())))
                .mode(ClusterConnectionMode.SINGLE))
                .applyToSocketSettings(socket -> socket.readTimeout(EMBEDDED_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private synchronized InetSocketAddress start() {
        if (server == null) {
            Path file = dataDir.resolve("convsearch.mv");
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + dataDir, e);
            }
            server = new MongoServer(openBackend(file));
            server.bind("127.0.0.1", 0);
            LOG.infof("No MongoDB connection string: using the embedded database in %s "
                    + "(for local use; set QUARKUS_MONGODB_CONNECTION_STRING for MongoDB)", file);
        }
        return server.getLocalAddress();
    }

    /**
     * The durable backend on {@code file}. When another process holds the file, start-up ends with one line saying so
     * (a {@link ConfigurationException} is reported by its message alone, and the process exits with status 1).
     */
    private DurableH2Backend openBackend(Path file) {
        try {
            return DurableH2Backend.open(file.toString());
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new ConfigurationException(
                        "another convsearch is using " + dataDir + "; stop it or set CONVSEARCH_EMBEDDED_DATA_DIR");
            }
            throw e;
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }
}
