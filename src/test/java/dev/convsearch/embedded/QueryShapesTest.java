package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import dev.convsearch.support.SnapshotMemoryBackend;

/**
 * The operator combinations convsearch's queries are made of, run on both backends of mongo-java-server it uses (the
 * embedded database and the tests' in-memory server) through the real driver, each checked against what MongoDB
 * answers (its documented semantics): mongo-java-server reads some combinations unlike MongoDB, and every query
 * shape must mean the same on both.
 */
class QueryShapesTest {

    private static final Date T1 = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
    private static final Date T2 = Date.from(Instant.parse("2025-01-02T00:00:00Z"));
    private static final Date T3 = Date.from(Instant.parse("2025-01-03T00:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = { "embedded", "memory" })
    void everyOperatorCombinationMeansWhatItMeansOnMongoDb(String backendName) {
        Supplier<MongoBackend> backend = backendName.equals("embedded")
                ? () -> new DurableH2Backend(new MVStore.Builder().autoCommitDisabled().open())
                : SnapshotMemoryBackend::new;
        MongoServer server = new MongoServer(backend.get());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> c = client.getDatabase("db").getCollection("shapes");
            c.insertMany(List.of(
                    doc("a", "Fix b", T1, List.of("ops"), false, T1),
                    doc("b", "fix c", T2, List.of("nightly", "ops"), null, null),
                    doc("c", "FIX a", T3, List.of(), true, T3),
                    doc("d", "Éclair", T2, null, false, T2),
                    doc("e", "zebra", T3, List.of("Ops"), null, T1)));

            // a regular expression and a range on one field, the range in an $and clause of its own
            assertEquals(List.of("a", "b"), ids(c, new Document("title", regex("fix"))
                    .append("$and", List.of(new Document("title", new Document("$gte", "Fix b"))))));
            // several ranges on one field
            assertEquals(List.of("b", "d"), ids(c, new Document("created_at",
                    new Document("$gte", T1).append("$lt", T3).append("$gt", T1))));
            // $not $gt keeps documents without the field
            assertEquals(List.of("a", "b", "e"), ids(c, new Document("revised_at",
                    new Document("$not", new Document("$gt", T1)))));
            // $all: every value held, case kept; a missing or empty list holds none
            assertEquals(List.of("b"), ids(c, new Document("tags", new Document("$all", List.of("ops", "nightly")))));
            assertEquals(List.of("a", "b"), ids(c, new Document("tags", new Document("$all", List.of("ops")))));
            // $in with null matches a missing field and null
            assertEquals(List.of("a", "b", "d", "e"),
                    ids(c, new Document("archived", new Document("$in", Arrays.asList(false, null)))));
            // a top-level $or beside a bound on the same field (the keyset of a page)
            assertEquals(List.of("c", "d", "e"), ids(c, new Document("created_at", new Document("$gte", T2))
                    .append("$or", List.of(new Document("created_at", new Document("$gt", T2)),
                            new Document("_id", new Document("$gt", "b"))))));
            // case-insensitive matching of letters beyond ASCII
            assertEquals(List.of("d"), ids(c, new Document("title", regex("éCLAIR"))));
            // an equality beside a $ne on another field (the live feed's "held by another user")
            assertEquals(List.of(), ids(c, new Document("title", "fix c").append("_id", new Document("$ne", "b"))));
            assertEquals(List.of("b"), ids(c, new Document("title", "fix c").append("_id", new Document("$ne", "a"))));
            // $max moves a date up, never back (the live feed's last_updated_at), beside a $set
            c.updateOne(new Document("_id", "a"), new Document("$max", new Document("created_at", T3))
                    .append("$set", new Document("title", "Fix b")));
            c.updateOne(new Document("_id", "c"), new Document("$max", new Document("created_at", T1)));
            assertEquals(List.of("a", "c", "e"), ids(c, new Document("created_at", T3)));
        } finally {
            server.shutdownNow();
        }
    }

    private static Document doc(String id, String title, Date created, List<String> tags, Boolean archived,
            Date revised) {
        Document doc = new Document("_id", id).append("title", title).append("created_at", created);
        if (tags != null) {
            doc.append("tags", tags);
        }
        if (archived != null) {
            doc.append("archived", archived);
        }
        if (revised != null) {
            doc.append("revised_at", revised);
        }
        return doc;
    }

    private static Document regex(String pattern) {
        return new Document("$regex", pattern).append("$options", "i");
    }

    private static List<String> ids(MongoCollection<Document> c, Document filter) {
        return c.find(filter).sort(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>());
    }
}
