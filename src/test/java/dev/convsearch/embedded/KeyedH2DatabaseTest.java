package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * The embedded database's unique indexes on value-ordered maps: a data file made before them opens with its indexes
 * copied into the new maps, and they keep keys unique and find documents by them.
 */
class KeyedH2DatabaseTest {

    @TempDir
    Path folder;

    @Test
    void aDataFileOfEarlierVersionsKeepsItsUniqueIndexes() throws Exception {
        Path file = folder.resolve("convsearch.mv");
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
    void aCleanCloseRewritesAFileOfMostlyOldChunksAndKeepsEverything() throws Exception {
        Path file = folder.resolve("convsearch.mv");
        DurableH2Backend first = DurableH2Backend.open(file.toString());
        run(first, collection -> {
            collection.createIndex(new Document("user_id", 1).append("conversation_id", 1),
                    new IndexOptions().unique(true).name("user_conversation_unique"));
            for (int i = 0; i < 300; i++) {
                collection.insertOne(new Document("user_id", "u" + (i % 3)).append("conversation_id", "c" + i)
                        .append("text", "x".repeat(1000)));
            }
        });
        first.close();
        // pages written again and again, each time in a chunk of its own: the file is mostly old chunks
        MVStore churn = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        churn.setRetentionTime(0);
        org.h2.mvstore.MVMap<Integer, String> scratch = churn.openMap("scratch");
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 50; i++) {
                scratch.put(i, round + "y".repeat(2000));
            }
            churn.commit();
        }
        churn.close();
        long before = Files.size(file);

        DurableH2Backend.open(file.toString()).close();
        long after = Files.size(file);
        assertTrue(after < before / 2, "rewritten: " + before + " -> " + after);

        DurableH2Backend reopened = DurableH2Backend.open(file.toString());
        run(reopened, collection -> {
            assertEquals(300, collection.countDocuments());
            assertEquals(1, collection.countDocuments(new Document("user_id", "u1").append("conversation_id", "c7")));
            MongoWriteException duplicate = assertThrows(MongoWriteException.class, () -> collection
                    .insertOne(new Document("user_id", "u1").append("conversation_id", "c7")));
            assertEquals(ErrorCategory.DUPLICATE_KEY, duplicate.getError().getCategory());
            assertEquals("199" + "y".repeat(2000), reopened.getMvStore().<Integer, String> openMap("scratch").get(7));
        });
    }

    @Test
    void aDataFileOfEarlierVersionsFillsTheFollowersIndexAtItsFirstOpen() throws Exception {
        Path file = folder.resolve("convsearch.mv");
        MVStore earlier = new MVStore.Builder().fileName(file.toString()).open();
        run(new H2Backend(earlier), collection -> {
            collection.createIndex(new Document("written_at", 1), new IndexOptions().name("written_at"));
            for (int i = 0; i < 50; i++) {
                collection.insertOne(new Document("written_at", new java.util.Date(1000L * i)).append("n", i));
            }
        });
        if (!earlier.isClosed()) {
            earlier.close();
        }
        DurableH2Backend upgraded = DurableH2Backend.open(file.toString());
        run(upgraded, collection -> assertEquals(List.of(45, 46, 47, 48, 49), ns(collection,
                new Document("written_at", new Document("$gte", new java.util.Date(45_000))))));
        upgraded.close();
    }

    @Test
    void theFollowersSecondaryIndexIsKeptAndAnswersAsAFullReadDoesAndOthersAreNeverFilled() throws Exception {
        Path file = folder.resolve("convsearch.mv");
        DurableH2Backend first = DurableH2Backend.open(file.toString());
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            documents.add(new Document("user_id", "u" + (i % 4)).append("written_at", new java.util.Date(1000L * i))
                    .append("writer", i % 3 == 0 ? "me" : "other").append("n", i));
        }
        run(first, collection -> {
            // documents before the index (filled when it is made) and after it
            collection.insertMany(documents.subList(0, 60).stream().map(Document::new).toList());
            collection.createIndex(new Document("written_at", 1), new IndexOptions().name("written_at"));
            collection.createIndex(new Document("user_id", 1).append("n", 1), new IndexOptions().name("user_n"));
            collection.insertMany(documents.subList(60, 100).stream().map(Document::new).toList());
            collection.deleteOne(new Document("n", 95));
            collection.updateOne(new Document("n", 96), new Document("$set",
                    new Document("written_at", new java.util.Date(500))));
        });
        first.close();
        List<Document> queries = List.of(
                new Document("written_at", new Document("$gte", new java.util.Date(90_000))),
                new Document("written_at", new Document("$gt", new java.util.Date(90_000)))
                        .append("writer", new Document("$ne", "me")),
                new Document("written_at", new Document("$gte", new java.util.Date(10_000))
                        .append("$lt", new java.util.Date(20_000))),
                new Document("written_at", new java.util.Date(500)),
                new Document("written_at", new Document("$lte", new java.util.Date(2_000))),
                new Document("user_id", "u2").append("n", new Document("$gte", 90)));
        List<List<Object>> embedded = new ArrayList<>();
        DurableH2Backend reopened = DurableH2Backend.open(file.toString());
        run(reopened, collection -> {
            assertEquals(99, collection.countDocuments());
            queries.forEach(query -> embedded.add(ns(collection, query)));
            MVStore store = reopened.getMvStore();
            assertTrue(store.hasMap("db.conversations._index_written_at" + KeyedH2Database.SUFFIX));
            assertEquals(99, store.openMap("db.conversations._index_written_at" + KeyedH2Database.SUFFIX)
                    .size(), "one key a document");
            assertFalse(store.getMapNames().stream().anyMatch(name -> name.contains("user_n")),
                    "an index the follower does not read keeps nothing: " + store.getMapNames());
        });
        reopened.close();
        run(new SnapshotMemoryBackend(), collection -> {
            collection.insertMany(documents.stream().map(Document::new).toList());
            collection.deleteOne(new Document("n", 95));
            collection.updateOne(new Document("n", 96), new Document("$set",
                    new Document("written_at", new java.util.Date(500))));
            for (int q = 0; q < queries.size(); q++) {
                assertEquals(ns(collection, queries.get(q)), embedded.get(q), queries.get(q).toJson());
            }
        });
        assertEquals(List.of(91, 92, 94, 97, 98), embedded.get(1));
        assertEquals(List.of(0, 1, 2, 96), embedded.get(4));
    }

    @Test
    void queriesThatGiveTheFirstFieldsReadOnlyTheirRunsAndAnswerAsAFullReadDoes() throws Exception {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            documents.add(new Document("user_id", "u" + (i % 3)).append("conversation_id", "c" + (i % 20))
                    .append("n", i).append("tags", i % 4 == 0 ? List.of("ops") : List.of()));
        }
        documents.add(new Document("user_id", "u10").append("conversation_id", "c1").append("n", 100));
        documents.add(new Document("user_id", "u").append("conversation_id", "c1").append("n", 101));
        List<Document> queries = List.of(new Document("user_id", "u1"),
                new Document("user_id", "u1").append("n", new Document("$gte", 30)),
                new Document("user_id", "u1").append("conversation_id", new Document("$in", List.of("c1", "c4", "nope"))),
                new Document("user_id", "u2").append("conversation_id", "c5"),
                new Document("user_id", "u0").append("tags", "ops").append("$or",
                        List.of(new Document("n", 0), new Document("n", new Document("$gt", 40)))),
                new Document("user_id", new Document("$in", List.of("u0", "u10"))),
                new Document("user_id", "nobody"), new Document("conversation_id", "c1"),
                new Document("user_id", "u").append("conversation_id", "c1"));
        Path file = folder.resolve("convsearch.mv");
        DurableH2Backend keyed = DurableH2Backend.open(file.toString());
        List<List<Object>> answers = new ArrayList<>();
        run(keyed, collection -> {
            collection.createIndex(new Document("user_id", 1).append("conversation_id", 1),
                    new IndexOptions().unique(true).name("user_conversation_unique"));
            collection.insertMany(documents.stream().map(Document::new).toList());
            queries.forEach(query -> answers.add(ns(collection, query)));
        });
        keyed.close();
        run(new SnapshotMemoryBackend(), collection -> {
            collection.insertMany(documents.stream().map(Document::new).toList());
            for (int q = 0; q < queries.size(); q++) {
                assertEquals(ns(collection, queries.get(q)), answers.get(q), queries.get(q).toJson());
            }
        });
        assertEquals(List.of(1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43, 46, 49, 52, 55, 58),
                answers.get(0));
    }

    @Test
    void aSortedIndexMissingDocumentsAnEarlierVersionWroteIsFilledAgainAtOpen() throws Exception {
        Path file = folder.resolve("convsearch.mv");
        DurableH2Backend first = DurableH2Backend.open(file.toString());
        Document keys = new Document("user_id", 1).append("archived", 1).append("has_parent", 1)
                .append("last_updated_at", -1).append("conversation_id", -1);
        run(first, collection -> {
            collection.createIndex(keys, new IndexOptions().name("search_v2_user_last_updated_at"));
            for (int n = 0; n < 30; n++) {
                collection.insertOne(new Document("user_id", "u").append("conversation_id", "c" + n).append("n", n)
                        .append("last_updated_at", new java.util.Date(1000L * n)));
            }
        });
        first.close();
        // an earlier version keeps no such index: the conversations it writes have no entry
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MVMap<KeyValue, Object> entries = store.openMap("db.conversations._index_search_v2_user_last_updated_at"
                + KeyedH2Database.SUFFIX, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
        entries.remove(entries.lastKey());
        store.close();
        DurableH2Backend reopened = DurableH2Backend.open(file.toString());
        run(reopened, collection -> assertEquals(List.of(29, 28, 27), collection.find(new Document("user_id", "u"))
                .sort(new Document("last_updated_at", -1).append("conversation_id", -1)).limit(3)
                .map(document -> document.get("n")).into(new ArrayList<>())));
        reopened.close();
    }

    /** The documents' {@code n}, sorted. */
    private static List<Object> ns(MongoCollection<Document> collection, Document query) {
        return collection.find(query).sort(new Document("n", 1)).map(document -> document.get("n"))
                .into(new ArrayList<>());
    }

    /** Runs {@code work} on collection {@code db.conversations} of {@code backend}, through a server and a client. */
    static void run(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            work.accept(client.getDatabase("db").getCollection("conversations"));
        } finally {
            server.shutdown();
        }
    }

}
