package dev.convsearch.embedded;

import de.bwaldvogel.mongo.MongoBackend;

/**
 * The embedded database's backend for a server of its own ({@code StandaloneMongoWireServer indexed}): the same
 * store, unique indexes and sorted walks the embedded default uses, so that measurements on an external wire server
 * can also be made against a server that answers a page from its indexes, as MongoDB does.
 */
public final class EmbeddedBackends {

    private EmbeddedBackends() {
    }

    /** The embedded database's durable backend on {@code file} (made when missing). */
    public static MongoBackend durable(String file) {
        return DurableH2Backend.open(file);
    }
}
