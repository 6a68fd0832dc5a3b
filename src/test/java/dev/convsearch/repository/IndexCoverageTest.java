package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.IndexModel;

import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

/**
 * Proves that every query the service can issue is served by one index as real MongoDB plans it: the index starts with
 * {@code user_id} bound to the caller; every key before the sort field is bound to one value or a few ({@code $in},
 * which MongoDB merges in order: at most {@value #MAX_MERGED_RANGES} ranges in all); then come the sort field and
 * {@code conversation_id}, scanned forwards or backwards. So no search needs an in-memory sort and every scan stays
 * inside the caller's entries; the query's other predicates are checked on the scanned entries.
 */
class IndexCoverageTest {

    private static final int MAX_MERGED_RANGES = 6;
    private static final List<Document> INDEXES = ConversationIndexes.all().stream().map(IndexModel::getKeys)
            .map(keys -> (Document) keys).toList();

    @Test
    void everySearchShapeIsServedByAnIndexInSortOrder() {
        Set<Document> used = new HashSet<>();
        for (SearchFilter filter : SearchFilterShapes.all()) {
            for (SortOrder order : SortOrder.BY_FIELD) {
                for (PagePosition after : new PagePosition[] { null,
                        new PagePosition(SearchFilterShapes.T1, "abc", SearchFilterShapes.T2) }) {
                    Document query = ConversationQueries.pageFilter(filter, order, after);
                    Document sort = ConversationQueries.sort(order);
                    List<Document> serving = INDEXES.stream().filter(index -> servesSorted(index, query, sort))
                            .toList();
                    assertFalse(serving.isEmpty(), "no index serves " + query.toJson() + " sorted by " + sort.toJson());
                    used.addAll(serving);
                    if (after != null) {
                        assertTrue(boundsSortField(query, order), "the keyset bounds the index range of the sort "
                                + "field: " + query.toJson());
                    }
                }
            }
        }
        // the unique index and the sub-conversation index serve lookups by id, not searches
        List<Document> unused = INDEXES.stream().skip(2).filter(index -> !used.contains(index)).toList();
        assertTrue(unused.isEmpty(), "search indexes no query uses (each one costs every write): " + unused);
        assertTrue(INDEXES.size() <= 12, "at most 12 conversation indexes: " + INDEXES.size());
    }

    @Test
    void everyCountIsOneIndexRangeBoundedByTheCallerAndWhatEverySearchBinds() {
        for (SearchFilter filter : SearchFilterShapes.all()) {
            Document query = ConversationQueries.filter(filter);
            assertTrue(INDEXES.stream().anyMatch(index -> boundedPrefix(index, query) >= 3),
                    "no index bounds " + query.toJson());
        }
    }

    @Test
    void subConversationsAreFoundByTheirParentInTheCallersEntries() {
        Document parentIndex = INDEXES.get(1);
        assertEquals(List.of("user_id", "parent_conversation_id", "conversation_id"), List.copyOf(parentIndex.keySet()));
        assertEquals(new Document("has_parent", true),
                ConversationIndexes.all().get(1).getOptions().getPartialFilterExpression());
    }

    @Test
    void conversationIdsAreUniquePerUser() {
        IndexModel unique = ConversationIndexes.all().get(0);
        assertEquals(new Document("user_id", 1).append("conversation_id", 1), unique.getKeys());
        assertTrue(unique.getOptions().isUnique());
    }

    /**
     * Whether the query bounds its sort field from the cursor's side, as MongoDB's planner reads it: it flattens
     * {@code $and} into the query's own conditions, so a bound in an {@code $and} clause is intersected with the
     * filter's conditions on the same field into one index range.
     */
    private static boolean boundsSortField(Document query, SortOrder order) {
        String bound = order.descending() ? "$lte" : "$gte";
        return conditionsOn(query, order.field().stored()).stream()
                .anyMatch(condition -> condition instanceof Document operators && operators.containsKey(bound));
    }

    /** Every condition on {@code field} in the query's top level and in its {@code $and} clauses, at any depth. */
    private static List<Object> conditionsOn(Document query, String field) {
        List<Object> conditions = new ArrayList<>();
        if (query.containsKey(field)) {
            conditions.add(query.get(field));
        }
        if (query.get("$and") instanceof List<?> clauses) {
            clauses.forEach(clause -> conditions.addAll(conditionsOn((Document) clause, field)));
        }
        return conditions;
    }

    /**
     * Whether a scan of {@code index} returns {@code query}'s matches in {@code sort} order: every key before the sort
     * keys bound to a few values, then the sort keys, all in one direction or all reversed.
     */
    private static boolean servesSorted(Document index, Document query, Document sort) {
        List<Map.Entry<String, Object>> keys = new ArrayList<>(index.entrySet());
        List<Map.Entry<String, Object>> sortKeys = new ArrayList<>(sort.entrySet());
        int prefix = boundedPrefix(index, query);
        int firstSortKey = 0;
        while (firstSortKey < keys.size() && !keys.get(firstSortKey).getKey().equals(sortKeys.get(0).getKey())) {
            firstSortKey++;
        }
        if (prefix < firstSortKey || firstSortKey + sortKeys.size() > keys.size()) {
            return false;
        }
        long ranges = 1;
        for (int i = 0; i < firstSortKey; i++) {
            ranges *= points(query.get(keys.get(i).getKey()));
        }
        Boolean reversed = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            Map.Entry<String, Object> key = keys.get(firstSortKey + i);
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
        return ranges <= MAX_MERGED_RANGES;
    }

    /** How many leading keys of {@code index} the query binds to a few values each; 0 unless user_id leads. */
    private static int boundedPrefix(Document index, Document query) {
        List<String> keys = new ArrayList<>(index.keySet());
        if (!keys.get(0).equals("user_id") || points(query.get("user_id")) != 1) {
            return 0;
        }
        int bound = 0;
        while (bound < keys.size() && points(query.get(keys.get(bound))) > 0) {
            bound++;
        }
        return bound;
    }

    /**
     * How many point ranges the query's condition on a key makes: 1 for a value, n for {@code $in} of n values, 1 for
     * {@code $all} (MongoDB scans the first value's entries and checks the others); 0 for anything else or nothing.
     */
    private static int points(Object condition) {
        if (condition == null) {
            return 0;
        }
        if (!(condition instanceof Document operators)) {
            return 1;
        }
        if (operators.size() == 1 && operators.get("$in") instanceof List<?> values) {
            return values.size();
        }
        if (operators.size() == 1 && operators.get("$all") instanceof List<?> values && !values.isEmpty()) {
            return 1;
        }
        return 0;
    }
}
