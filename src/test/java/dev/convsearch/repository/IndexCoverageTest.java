package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.IndexModel;

import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

/**
 * Proves that every query the service can issue is served by one index as real MongoDB plans it: the index starts with
 * exactly the query's equality fields (in any order), then the sort field, then {@code conversation_id}, scanned
 * forwards or backwards; so no search needs an in-memory sort and every equality bounds the scan.
 */
class IndexCoverageTest {

    private static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2025-06-01T00:00:00Z");
    private static final List<Document> INDEXES = ConversationIndexes.all().stream().map(IndexModel::getKeys)
            .map(keys -> (Document) keys).toList();

    @Test
    void everySearchShapeIsServedByAnIndexInSortOrder() {
        Set<Document> used = new HashSet<>();
        for (SearchFilter filter : everyFilterShape()) {
            for (SortOrder order : SortOrder.values()) {
                for (PagePosition after : new PagePosition[] { null, new PagePosition(T1, "abc", T2) }) {
                    Document query = ConversationQueries.pageFilter(filter, order, after);
                    Document sort = ConversationQueries.sort(order);
                    List<Document> serving = INDEXES.stream().filter(index -> servesSorted(index, query, sort))
                            .toList();
                    assertFalse(serving.isEmpty(), "no index serves " + query.toJson() + " sorted by " + sort.toJson());
                    used.addAll(serving);
                }
            }
        }
        List<Document> unused = INDEXES.stream().skip(1).filter(index -> !used.contains(index)).toList();
        assertTrue(unused.isEmpty(), "search indexes no query uses (each one costs every write): " + unused);
        assertTrue(INDEXES.size() <= 12, "at most 12 conversation indexes: " + INDEXES.size());
    }

    @Test
    void everyCountShapeIsBoundedByAnIndexOnAllItsEqualities() {
        for (SearchFilter filter : everyFilterShape()) {
            Document query = ConversationQueries.filter(filter);
            Set<String> equalities = equalityFields(query);
            assertTrue(INDEXES.stream().anyMatch(index -> startsWith(index, equalities)),
                    "no index bounds " + query.toJson());
        }
    }

    @Test
    void conversationIdsAreUniquePerUser() {
        IndexModel unique = ConversationIndexes.all().get(0);
        assertEquals(new Document("user_id", 1).append("conversation_id", 1), unique.getKeys());
        assertTrue(unique.getOptions().isUnique());
    }

    private static List<SearchFilter> everyFilterShape() {
        List<SearchFilter> filters = new ArrayList<>();
        Instant[][] ranges = { { null, null }, { T1, null }, { null, T2 }, { T1, T2 } };
        for (String repository : new String[] { null, "acme/app" }) {
            for (ConversationTrigger trigger : new ConversationTrigger[] { null, ConversationTrigger.GUI }) {
                for (String title : new String[] { null, "fix" }) {
                    for (Instant[] created : ranges) {
                        for (Instant[] updated : ranges) {
                            filters.add(SearchFilter.allOf("alice").withRepository(repository).withTrigger(trigger)
                                    .withTitleContaining(title).withCreated(created[0], created[1])
                                    .withUpdated(updated[0], updated[1]));
                        }
                    }
                }
            }
        }
        return filters;
    }

    /** Whether a scan of {@code index} returns {@code query}'s matches in {@code sort} order, bounded by every equality. */
    private static boolean servesSorted(Document index, Document query, Document sort) {
        Set<String> equalities = equalityFields(query);
        if (!startsWith(index, equalities)) {
            return false;
        }
        List<Map.Entry<String, Object>> keys = new ArrayList<>(index.entrySet());
        List<Map.Entry<String, Object>> sortKeys = new ArrayList<>(sort.entrySet());
        if (keys.size() < equalities.size() + sortKeys.size()) {
            return false;
        }
        Boolean reversed = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            Map.Entry<String, Object> key = keys.get(equalities.size() + i);
            if (!key.getKey().equals(sortKeys.get(i).getKey())) {
                return false;
            }
            boolean sameDirection = ((Number) key.getValue()).intValue() == ((Number) sortKeys.get(i).getValue())
                    .intValue();
            if (reversed != null && reversed == sameDirection) {
                return false;
            }
            reversed = !sameDirection;
        }
        return true;
    }

    private static boolean startsWith(Document index, Set<String> fields) {
        Set<String> prefix = new HashSet<>(new ArrayList<>(index.keySet()).subList(0, Math.min(fields.size(),
                index.size())));
        return prefix.equals(fields);
    }

    /** The top-level fields the query pins to one value. */
    private static Set<String> equalityFields(Document query) {
        Set<String> fields = new HashSet<>();
        query.forEach((field, value) -> {
            if (!field.startsWith("$") && !(value instanceof Document)) {
                fields.add(field);
            }
        });
        assertTrue(fields.contains("user_id"), "every query is scoped to one user: " + query.toJson());
        return fields;
    }
}
