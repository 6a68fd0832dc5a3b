package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The embedded database's unique indexes on value-ordered maps: a data file made before them opens with its indexes
 * copied into the new maps, and they keep keys unique and find documents by them.
 */
class KeyedH2DatabaseTest {

    @Test
    void aDataFileOfEarlierVersionsKeepsItsUniqueIndexes() throws Exception {
        Path file = Files.createTempDirectory("keyed").resolve("convsearch.mv");
        MVStore earlier = new MVStore.Builder().fileName(file.toString()).open();
        run(new H2Backend(earlier), collection -> {
            collection.createIndex(new Document("user_id", 1).append("conversation_id", 1),
                    new IndexOptions().unique(true).name("user_conversation_unique"));
            for (int i = 0; i < 200; i++) {
                collection.insertOne(new Document("user_id", "u" + (i % 3)).append("conversation_id", "c" + i));
            }
        });
        if (!earlier.isClosed()) {
            earlier.close();
        }

        DurableH2Backend keyed = DurableH2Backend.open(file.toString());
        run(keyed, collection -> {
            assertEquals(200, collection.countDocuments());
            assertEquals(1, collection.countDocuments(new Document("user_id", "u1").append("conversation_id", "c7")));
            MongoWriteException duplicate = assertThrows(MongoWriteException.class, () -> collection
                    .insertOne(new Document("user_id", "u1").append("conversation_id", "c7")));
            assertEquals(ErrorCategory.DUPLICATE_KEY, duplicate.getError().getCategory());
            collection.insertOne(new Document("user_id", "u2").append("conversation_id", "c7"));
            MVStore store = keyed.getMvStore();
            assertTrue(store.getMapNames().stream().anyMatch(name -> name.endsWith("user_conversation_unique.keyed")));
            assertFalse(store.getMapNames().stream().anyMatch(name -> name.endsWith("user_conversation_unique")),
                    "the map of the earlier order is gone: " + store.getMapNames());
        });
    }

    @Test
    void secondaryIndexesAreNeverFilledAndQueriesOnTheirFieldsStillFindEverything() throws Exception {
        Path file = Files.createTempDirectory("keyed").resolve("convsearch.mv");
        DurableH2Backend first = DurableH2Backend.open(file.toString());
        run(first, collection -> {
            for (int i = 0; i < 100; i++) {
                collection.insertOne(new Document("user_id", "u" + (i % 4)).append("written_at", i));
            }
            collection.createIndex(new Document("written_at", 1), new IndexOptions().name("written_at"));
            collection.insertOne(new Document("user_id", "u9").append("written_at", 100));
        });
        first.close();

        DurableH2Backend reopened = DurableH2Backend.open(file.toString());
        run(reopened, collection -> {
            assertEquals(101, collection.countDocuments());
            assertEquals(11, collection.countDocuments(new Document("written_at", new Document("$gte", 90))));
            assertEquals(25, collection.countDocuments(new Document("user_id", "u2")));
            assertTrue(collection.listIndexes().into(new ArrayList<>()).stream()
                    .anyMatch(index -> "written_at".equals(index.getString("name"))), "the index is still listed");
        });
        reopened.close();
    }

    private static void run(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            work.accept(client.getDatabase("db").getCollection("conversations"));
        } finally {
            server.shutdown();
        }
    }

}
