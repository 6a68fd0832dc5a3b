package dev.convsearch.embedded;

import static dev.convsearch.embedded.KeyedH2DatabaseTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexOptions;

import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * The embedded collection's page of a sorted query (a bounded heap) and its {@code $in} of many strings (a hash set)
 * answer as mongo-java-server's own full sort and list scan do: seeded documents with ties in every sort field, ids that
 * are missing, arrays or numbers, and seeded queries. Its pages read from the kept sort indexes ({@link SortedWalk})
 * are those of the in-memory backend, for seeded searches shaped as ConversationQueries makes them.
 */
class KeyedH2CollectionTest {

    private static final long SEED = 29;
    private static final int QUERIES = 300;

    @TempDir
    Path folder;

    @Test
    void aPageOfASortedQueryIsTheFullSortCutAndAnInOfManyStringsMatchesAsAListDoes() {
        Random random = new Random(SEED);
        List<Document> documents = documents(random);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            queries.add(Query.random(random));
        }
        List<List<Object>> pages = new ArrayList<>();
        List<List<Object>> inTotalOrder = new ArrayList<>();
        DurableH2Backend embedded = DurableH2Backend.open(folder.resolve("convsearch.mv").toString());
        run(embedded, collection -> {
            // a user's queries read the index's run of the user; the others read every document
            collection.createIndex(new Document("user_id", 1).append("n", 1),
                    new IndexOptions().unique(true).name("user_n_unique"));
            collection.insertMany(documents.stream().map(Document::new).toList());
            int nonEmpty = 0;
            for (Query query : queries) {
                List<Object> page = query.page(collection);
                List<Object> everything = query.everything(collection);
                // the page is the full sort (no limit: mongo-java-server's own sort) cut where the page is
                assertEquals(everything.subList(Math.min(query.skip, everything.size()),
                        Math.min(query.skip + query.limit, everything.size())), page, query.toString());
                nonEmpty += page.isEmpty() ? 0 : 1;
                pages.add(page);
                inTotalOrder.add(query.inTotalOrder(collection));
            }
            assertTrue(nonEmpty > QUERIES / 2, "most queries find something: " + nonEmpty);
        });
        embedded.close();
        run(new SnapshotMemoryBackend(), collection -> {
            collection.insertMany(documents.stream().map(Document::new).toList());
            for (int q = 0; q < QUERIES; q++) {
                assertEquals(queries.get(q).inTotalOrder(collection), inTotalOrder.get(q), queries.get(q).toString());
            }
        });
    }

    @Test
    void aPageReadFromTheSortedIndexesIsThePageEveryDocumentSortedGives() {
        Random random = new Random(SEED + 1);
        List<Document> conversations = conversations(random);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            queries.add(Query.search(random, conversations));
        }
        List<List<Object>> pages = new ArrayList<>();
        DurableH2Backend embedded = DurableH2Backend.open(folder.resolve("convsearch.mv").toString());
        run(embedded, collection -> {
            collection.createIndex(new Document("user_id", 1).append("conversation_id", 1),
                    new IndexOptions().unique(true).name("user_conversation_unique"));
            collection.insertMany(conversations.subList(0, 300).stream().map(Document::new).toList());
            for (String field : List.of("last_updated_at", "created_at", "title")) {
                // the first half before the indexes (filled when they are made), the second half after
                collection.createIndex(new Document("user_id", 1).append("archived", 1).append("has_parent", 1)
                        .append(field, -1).append("conversation_id", -1),
                        new IndexOptions().name("search_v2_user_" + field));
            }
            collection.insertMany(conversations.subList(300, conversations.size()).stream().map(Document::new)
                    .toList());
            queries.forEach(query -> pages.add(query.page(collection)));
        });
        embedded.close();
        run(new SnapshotMemoryBackend(), collection -> {
            collection.insertMany(conversations.stream().map(Document::new).toList());
            int nonEmpty = 0;
            for (int q = 0; q < QUERIES; q++) {
                assertEquals(queries.get(q).page(collection), pages.get(q), queries.get(q).toString());
                nonEmpty += pages.get(q).isEmpty() ? 0 : 1;
            }
            assertTrue(nonEmpty > QUERIES / 2, "most queries find something: " + nonEmpty);
        });
    }

    /**
     * A find that reads the whole collection (building the search index anew reads every kept text) is given a batch at
     * a time from the file, as MongoDB gives it, not read into memory whole at the query: a document written after the
     * first batch is seen when its id comes later, not when it comes earlier, and one deleted before its batch is not
     * given. mongo-java-server's own queries (an update, a count) still see every document.
     */
    @Test
    void aFindOfEveryDocumentIsReadABatchAtATimeInIdOrder() {
        DurableH2Backend embedded = DurableH2Backend.open(folder.resolve("convsearch.mv").toString());
        run(embedded, collection -> {
            List<Document> documents = new ArrayList<>();
            for (int n = 0; n < 2_500; n++) {
                documents.add(new Document("_id", String.format("d%04d", n)).append("even", n % 2 == 0));
            }
            collection.insertMany(documents);
            List<Object> given = new ArrayList<>();
            try (MongoCursor<Document> cursor = collection.find().batchSize(100).iterator()) {
                given.add(cursor.next().get("_id"));
                collection.insertOne(new Document("_id", "d0050+").append("even", true)); // before the first batch's end
                collection.insertOne(new Document("_id", "d9999").append("even", true));
                collection.deleteOne(new Document("_id", "d2000"));
                cursor.forEachRemaining(document -> given.add(document.get("_id")));
            }
            List<Object> expected = new ArrayList<>();
            for (int n = 0; n < 2_500; n++) {
                if (n != 2_000) {
                    expected.add(String.format("d%04d", n));
                }
            }
            expected.add("d9999");
            assertEquals(expected, given);

            List<Object> even = new ArrayList<>();
            collection.find(new Document("even", true)).batchSize(7)
                    .forEach(document -> even.add(document.get("_id")));
            assertEquals(1_251, even.size());
            assertEquals(List.of("d0000", "d0002", "d0004"), even.subList(0, 3));
            assertEquals(List.of("d0050", "d0050+", "d0052"), even.subList(25, 28));
            assertEquals("d9999", even.get(even.size() - 1));

            assertEquals(2_501, collection.updateMany(new Document(), new Document("$set",
                    new Document("seen", true))).getModifiedCount());
            assertEquals(2_501, collection.countDocuments(new Document("seen", true)));
        });
        embedded.close();
    }

    /**
     * 600 conversations of 3 users as the service stores them: archived and has_parent true, false, null or absent,
     * times and titles full of ties, some written after a walk began.
     */
    private static List<Document> conversations(Random random) {
        List<Document> conversations = new ArrayList<>();
        for (int n = 0; n < 600; n++) {
            Document conversation = new Document("user_id", "u" + random.nextInt(3)).append("n", n)
                    .append("conversation_id", String.format("c%04d", random.nextInt(10_000)) + "-" + n)
                    .append("last_updated_at", new Date(1_000L * random.nextInt(60)))
                    .append("created_at", new Date(1_000L * random.nextInt(60)))
                    .append("title", "title " + (char) ('a' + random.nextInt(8)))
                    .append("selected_repository", "acme/" + random.nextInt(3));
            Object[] flags = { true, false, null };
            int archived = random.nextInt(8);
            if (archived < 3) {
                conversation.append("archived", flags[archived]);
            } // else absent, as before the field existed
            int parent = random.nextInt(6);
            if (parent < 3) {
                conversation.append("has_parent", flags[parent]);
            }
            if (random.nextInt(10) == 0) {
                conversation.append("revised_at", new Date(100_000L));
            }
            if (random.nextInt(40) == 0) {
                conversation.remove("last_updated_at");
            }
            conversations.add(conversation);
        }
        return conversations;
    }

    /** 600 conversations of 3 users, their sort fields full of ties; a few ids missing, arrays or numbers. */
    private static List<Document> documents(Random random) {
        List<Document> documents = new ArrayList<>();
        for (int n = 0; n < 600; n++) {
            Document document = new Document("user_id", "u" + random.nextInt(3)).append("n", n)
                    .append("updated_at", new Date(1_000L * random.nextInt(40)))
                    .append("title", "title " + (char) ('a' + random.nextInt(6)));
            switch (random.nextInt(30)) {
                case 0 -> {
                } // no conversation id
                case 1 -> document.append("conversation_id", List.of("c" + n, "x" + n));
                case 2 -> document.append("conversation_id", n);
                default -> document.append("conversation_id", "c" + n);
            }
            documents.add(document);
        }
        return documents;
    }

    /** A query of some users' conversations among some ids, sorted one way, a page of it. */
    private record Query(Document filter, Document sort, int skip, int limit) {

        static Query random(Random random) {
            Document filter = new Document();
            if (random.nextBoolean()) {
                filter.append("user_id", "u" + random.nextInt(3));
            }
            if (random.nextInt(5) > 0) {
                List<Object> ids = new ArrayList<>();
                int count = random.nextInt(400) + 1;
                for (int i = 0; i < count; i++) {
                    ids.add("c" + random.nextInt(700)); // some of no document
                }
                if (random.nextInt(10) == 0) {
                    ids.add(random.nextInt(600)); // a number: the list is no longer strings alone
                }
                filter.append("conversation_id", new Document("$in", ids));
            }
            if (random.nextInt(4) == 0) {
                filter.append("n", new Document("$gte", random.nextInt(300)));
            }
            Document sort = switch (random.nextInt(4)) {
                case 0 -> new Document("updated_at", -1);
                case 1 -> new Document("updated_at", 1).append("conversation_id", 1);
                case 2 -> new Document("title", -1).append("n", 1);
                default -> new Document("title", 1);
            };
            return new Query(filter, sort, random.nextInt(3) == 0 ? random.nextInt(30) : 0, 1 + random.nextInt(40));
        }

        /** A search as ConversationQueries makes one: its filters, maybe a cursor, maybe the text index's matches. */
        static Query search(Random random, List<Document> conversations) {
            Document filter = new Document("user_id", "u" + random.nextInt(3));
            filter.append("archived", random.nextInt(5) == 0 ? true
                    : new Document("$in", Arrays.asList(false,
                            null)));
            filter.append("has_parent", new Document("$in", random.nextBoolean() ? Arrays.asList(false, null)
                    : Arrays.asList(false, null, true)));
            if (random.nextInt(5) == 0) {
                filter.append("selected_repository", "acme/" + random.nextInt(3));
            }
            if (random.nextInt(6) == 0) {
                filter.append("created_at", new Document("$gte", new Date(1_000L * random.nextInt(30))));
            }
            String field = List.of("last_updated_at", "created_at", "title").get(random.nextInt(3));
            boolean descending = random.nextInt(3) > 0;
            if (random.nextBoolean()) { // the page after a cursor: the last page's values
                Document last = conversations.get(random.nextInt(conversations.size()));
                Object value = last.get(field) == null ? new Date(30_000) : last.get(field);
                String inclusive = descending ? "$lte" : "$gte";
                String exclusive = descending ? "$lt" : "$gt";
                filter.append("$and", List.of(new Document(field, new Document(inclusive, value)),
                        new Document("$or", List.of(new Document(field, new Document(exclusive, value)),
                                new Document("conversation_id", new Document(exclusive, last.get("conversation_id")))))));
                filter.append("revised_at", new Document("$not", new Document("$gt", new Date(50_000))));
            }
            if (random.nextInt(4) == 0) { // a search with q: the text index's matches, few or many
                List<Object> ids = new ArrayList<>();
                int count = random.nextBoolean() ? 1 + random.nextInt(10) : 100 + random.nextInt(400);
                for (int i = 0; i < count; i++) {
                    ids.add(conversations.get(random.nextInt(conversations.size())).get("conversation_id"));
                }
                filter.append("conversation_id", new Document("$in", ids));
            }
            int direction = descending ? -1 : 1;
            return new Query(filter, new Document(field, direction).append("conversation_id", direction), 0,
                    1 + random.nextInt(30));
        }

        List<Object> page(MongoCollection<Document> collection) {
            return ns(collection.find(filter).sort(sort).skip(skip).limit(limit));
        }

        List<Object> everything(MongoCollection<Document> collection) {
            return ns(collection.find(filter).sort(sort));
        }

        /** Every match, ordered by {@code n} (one order on any backend, whatever the ties). */
        List<Object> inTotalOrder(MongoCollection<Document> collection) {
            return ns(collection.find(filter).sort(new Document("n", 1)));
        }

        private static List<Object> ns(Iterable<Document> found) {
            List<Object> ns = new ArrayList<>();
            found.forEach(document -> ns.add(document.get("n")));
            return ns;
        }
    }
}
