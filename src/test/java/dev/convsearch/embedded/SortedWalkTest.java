package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A page of a user's conversations read from the sorted index reads about a page of them, first page or deep in a
 * walk, and is the page a sort of every match gives.
 */
class SortedWalkTest {

    private static final int CONVERSATIONS = 4_000;
    private static final int PAGE = 21;

    private final List<Document> documents = new ArrayList<>();
    private final KeyedSecondaryIndex index;

    SortedWalkTest() {
        MVMap<KeyValue, Object> map = MVStore.open(null).openMap("walk",
                new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
        index = new KeyedSecondaryIndex(map, "search_v2_user_last_updated_at", List.of(new IndexKey("user_id", true),
                new IndexKey("archived", true), new IndexKey("has_parent", true),
                new IndexKey("last_updated_at", false), new IndexKey("conversation_id", false)), false, false);
        Random random = new Random(7);
        for (int n = 0; n < CONVERSATIONS; n++) {
            Document document = new Document("_id", n).append("user_id", n % 4 == 0 ? "other" : "u")
                    .append("conversation_id", "c" + n)
                    .append("last_updated_at", Instant.ofEpochMilli(1_000L * random.nextInt(500)))
                    .append("archived", random.nextInt(10) == 0)
                    .append("has_parent", random.nextInt(5) == 0 ? true : null);
            documents.add(document);
            index.add(document, n, null);
        }
    }

    @Test
    void aFirstPageAndAPageDeepInAWalkEachReadAboutAPage() {
        Document first = new Document("user_id", "u")
                .append("archived", new Document("$in", Arrays.asList(false, null)))
                .append("has_parent", new Document("$in", Arrays.asList(false, null)));
        assertPage(first);
        // the page after the 40th page's last conversation, as a cursor asks for it
        List<Document> all = everyMatchSorted(first);
        Document deep = all.get(40 * PAGE - 1);
        Object updated = deep.get("last_updated_at");
        Document after = new Document(first).append("$and", List.of(
                new Document("last_updated_at", new Document("$lte", updated)),
                new Document("$or", List.of(new Document("last_updated_at", new Document("$lt", updated)),
                        new Document("conversation_id", new Document("$lt", deep.get("conversation_id")))))));
        assertEquals(all.subList(40 * PAGE, 41 * PAGE), assertPage(after));
    }

    @Test
    void aDocumentWithAnArrayInAFieldOfTheIndexMakesTheWalkGiveUp() {
        Document odd = new Document("_id", CONVERSATIONS).append("user_id", "u").append("conversation_id", "odd")
                .append("last_updated_at", List.of(Instant.ofEpochMilli(999_000), Instant.ofEpochMilli(0)))
                .append("archived", false);
        documents.add(odd);
        index.add(odd, CONVERSATIONS, null);
        Document query = new Document("user_id", "u");
        SortedWalk walk = SortedWalk.of(index, query, sort());
        assertNull(walk.firstMatches(position -> documents.get((int) position),
                document -> new DefaultQueryMatcher().matches(document, query), PAGE));
    }

    /** Asserts the walk's page of {@code query} is the sorted matches' first page, read with at most 3 pages read. */
    private List<Document> assertPage(Document query) {
        AtomicInteger reads = new AtomicInteger();
        SortedWalk walk = SortedWalk.of(index, query, sort());
        List<Document> page = walk.firstMatches(position -> {
            reads.incrementAndGet();
            return documents.get((int) position);
        }, document -> new DefaultQueryMatcher().matches(document, query), PAGE);
        assertEquals(everyMatchSorted(query).subList(0, PAGE), page, walk.toString());
        assertTrue(reads.get() <= 3 * PAGE, "read " + reads + " of " + CONVERSATIONS + " by " + walk);
        return page;
    }

    private List<Document> everyMatchSorted(Document query) {
        List<Document> matches = new ArrayList<>(documents.stream()
                .filter(document -> new DefaultQueryMatcher().matches(document, query)).toList());
        matches.sort(new DocumentComparator(sort()));
        return matches;
    }

    private static Document sort() {
        return new Document("last_updated_at", -1).append("conversation_id", -1);
    }
}
