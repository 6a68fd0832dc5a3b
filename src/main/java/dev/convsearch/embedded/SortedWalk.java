package dev.convsearch.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The first matches of a sorted query, read from a secondary index in the sort's order, as MongoDB reads a page from
 * an index whose fields after the query's equalities are the sort's: {@code user_id, archived, has_parent} then
 * {@code last_updated_at, conversation_id} for a user's conversations last updated first.
 * <p>
 * The index's first field must be one value of the query. Its next fields, up to the sort's, may hold any values: each
 * set of them present in the index (at most a few: {@code archived} and {@code has_parent} are true, false or absent)
 * is a run of entries in sort order, and the runs are merged, as MongoDB merges the ranges of an {@code $in}. A run
 * whose values an equality or {@code $in} of the query excludes is left out, and a run starts at the query's bound on
 * the first sort field (a page after a cursor). Each entry's document is read and checked against the whole query,
 * until there are enough matches, and the ties of the last. A document with an array in a field of the index is
 * ordered by MongoDB otherwise than by its entries: the walk then gives up, and the query is answered as before.
 */
final class SortedWalk {

    private final MVMap<KeyValue, Object> entries;
    /** The query's value of the index's first field. */
    private final Object first;
    /** How many of the index's fields come before the sort's. */
    private final int before;
    private final List<String> fields;
    private final boolean ascending;
    private final Document query;
    /** The query's bound on the first sort field, where each run starts (null: none). */
    private final Object bound;

    private SortedWalk(KeyedSecondaryIndex index, Object first, int before, boolean ascending, Document query,
            Object bound) {
        this.entries = index.entries();
        this.first = first;
        this.before = before;
        this.fields = index.getKeys().stream().map(IndexKey::getKey).toList();
        this.ascending = ascending;
        this.query = query;
        this.bound = bound;
    }

    /** The walk of {@code index} that answers {@code query} in {@code orderBy}'s order, or null when it cannot. */
    static SortedWalk of(KeyedSecondaryIndex index, Document query, Document orderBy) {
        List<IndexKey> keys = index.getKeys();
        List<String> sort = new ArrayList<>(orderBy.keySet());
        int before = keys.size() - sort.size();
        if (before < 1) {
            return null;
        }
        Boolean ascending = null;
        for (int i = 0; i < sort.size(); i++) {
            if (!(orderBy.get(sort.get(i)) instanceof Number direction) || direction.intValue() == 0
                    || !keys.get(before + i).getKey().equals(sort.get(i))) {
                return null;
            }
            boolean up = direction.intValue() > 0;
            if (ascending != null && ascending != up) {
                return null;
            }
            ascending = up;
        }
        if (!(query.get(keys.get(0).getKey()) instanceof String first)) {
            return null;
        }
        return new SortedWalk(index, first, before, ascending, query, bound(query, sort.get(0), ascending));
    }

    /**
     * How many entries the index holds for the query's first field: what a walk reads at most.
     */
    long entriesOfFirst() {
        return position(highest(List.of(first))) - position(lowest(List.of(first)));
    }

    /**
     * The first {@code wanted} documents that {@code matches}, in the sort's order, and the ties of the last one (which
     * the caller's sort orders as a full sort would); null when a document has an array in a field of the index.
     */
    List<Document> firstMatches(Function<Object, Document> read, Predicate<Document> matches, long wanted) {
        PriorityQueue<Run> runs = new PriorityQueue<>(Comparator.comparing(Run::key, this::inWalkOrder));
        for (List<Object> prefix : prefixes()) {
            Run run = new Run(prefix);
            if (run.advance()) {
                runs.add(run);
            }
        }
        List<Document> found = new ArrayList<>(); // one entry a document: one with an array in the index is given up
        KeyValue last = null;
        while (!runs.isEmpty()) {
            Run run = runs.poll();
            if (found.size() >= wanted && !sameSortValues(run.key(), last)) {
                break;
            }
            Document document = read.apply(run.position());
            if (hasArray(document)) {
                return null;
            }
            if (matches.test(document)) {
                found.add(document);
                last = run.key();
            }
            if (run.advance()) {
                runs.add(run);
            }
        }
        return found;
    }

    /** The values of the fields before the sort's that the index holds under the first, each set once. */
    private List<List<Object>> prefixes() {
        List<List<Object>> prefixes = new ArrayList<>();
        KeyValue key = entries.ceilingKey(lowest(List.of(first)));
        while (key != null && KeyValueType.compareValues(key.get(0), first) == 0) {
            List<Object> prefix = new ArrayList<>(before);
            for (int i = 0; i < before; i++) {
                prefix.add(key.get(i));
            }
            if (allowed(prefix)) {
                prefixes.add(prefix);
            }
            key = entries.higherKey(highest(prefix));
        }
        return prefixes;
    }

    /**
     * Whether the query can match a document with these values: not when it asks one of these fields for a value or
     * an {@code $in} of values that holds none of them. An absent or null value is always allowed (the index does not
     * tell them apart), and so is any other condition: the walk checks every document it reads.
     */
    private boolean allowed(List<Object> prefix) {
        for (int i = 1; i < before; i++) {
            Object value = prefix.get(i);
            Collection<?> values = values(query.get(fields.get(i)));
            if (value != null && values != null
                    && values.stream().noneMatch(v -> v != null && KeyValueType.compareValues(v, value) == 0)) {
                return false;
            }
        }
        return true;
    }

    /** The values an equality or an {@code $in} of scalars asks for; null for any other condition. */
    private static Collection<?> values(Object condition) {
        if (condition == null || condition instanceof List<?>) {
            return null;
        }
        if (!(condition instanceof Document operators)) {
            return List.of(condition);
        }
        if (operators.size() != 1 || !(operators.get("$in") instanceof List<?> values)
                || values.stream().anyMatch(v -> v instanceof Document || v instanceof List<?>)) {
            return null;
        }
        return values;
    }

    /**
     * The query's tightest bound on {@code field} where a walk in that direction starts (the lowest value it can match
     * going up, the highest going down), from its condition on the field and those of its {@code $and}; null when none.
     */
    private static Object bound(Document query, String field, boolean ascending) {
        List<Object> conditions = new ArrayList<>();
        conditions.add(query.get(field));
        if (query.get("$and") instanceof List<?> clauses) {
            clauses.forEach(clause -> conditions.add(clause instanceof Document document ? document.get(field) : null));
        }
        Object bound = null;
        for (Object condition : conditions) {
            if (!(condition instanceof Document operators)) {
                continue;
            }
            for (String operator : ascending ? List.of("$gt", "$gte") : List.of("$lt", "$lte")) {
                Object value = operators.get(operator);
                if (value == null || value instanceof Document || value instanceof List<?>) {
                    continue;
                }
                int tighter = bound == null ? 0 : KeyValueType.compareValues(value, bound);
                if (bound == null || (ascending ? tighter > 0 : tighter < 0)) {
                    bound = value;
                }
            }
        }
        return bound;
    }

    /** Whether {@code document} has an array in a field of the index. */
    private boolean hasArray(Document document) {
        return fields.stream().anyMatch(field -> document.get(field) instanceof List<?>);
    }

    /** Whether two entries have the same values in the sort's fields. */
    private boolean sameSortValues(KeyValue a, KeyValue b) {
        for (int i = before; i < fields.size(); i++) {
            if (KeyValueType.compareValues(a.get(i), b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Entries of different runs in the walk's order: by their sort values, then their {@code _id}. */
    private int inWalkOrder(KeyValue a, KeyValue b) {
        for (int i = before; i < a.size(); i++) {
            int order = KeyValueType.compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return ascending ? order : -order;
            }
        }
        return 0;
    }

    /** Where {@code key} is, or would be, among the entries. */
    private long position(KeyValue key) {
        long index = entries.getKeyIndex(key);
        return index >= 0 ? index : -index - 1;
    }

    /** The lowest key that starts with {@code prefix}. */
    private KeyValue lowest(List<Object> prefix) {
        return KeyValueType.lowestStartingWith(prefix, fields.size() + 1);
    }

    /** The highest key that starts with {@code prefix}. */
    private KeyValue highest(List<Object> prefix) {
        return KeyValueType.highestStartingWith(prefix, fields.size() + 1);
    }

    /** The entries of one set of values before the sort's fields, in the walk's order, from the query's bound. */
    private final class Run {
        private final Cursor<KeyValue, Object> cursor;
        private KeyValue key;

        Run(List<Object> prefix) {
            KeyValue low = lowest(prefix);
            KeyValue high = highest(prefix);
            if (bound != null) {
                List<Object> from = new ArrayList<>(prefix);
                from.add(bound);
                if (ascending) {
                    low = lowest(from);
                } else {
                    high = highest(from);
                }
            }
            cursor = ascending ? entries.cursor(low, high, false) : entries.cursor(high, low, true);
        }

        boolean advance() {
            if (!cursor.hasNext()) {
                return false;
            }
            key = cursor.next();
            return true;
        }

        KeyValue key() {
            return key;
        }

        Object position() {
            return cursor.getValue();
        }
    }

    @Override
    public String toString() {
        return "SortedWalk" + fields + (ascending ? " up" : " down") + (bound == null ? "" : " from " + bound);
    }
}
