package dev.convsearch.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

/**
 * A secondary (not unique) index of the embedded database, kept on an H2 map ordered by {@link KeyValueType}: each
 * document's key values, then its {@code _id} (so keys are unique), to its position. mongo-java-server keeps no
 * secondary index and reads every document of a collection for any other query; this one serves a range or an
 * equality on the index's first field, such as the search index's catch-up after a crash ({@code written_at} at or
 * after its last commit), which read every event of the database. The collection checks each document it is given
 * against the whole query, so the documents of the range, a superset of the matches, give the right answer.
 */
final class KeyedSecondaryIndex extends Index<Object> {

    private static final Set<String> RANGES = Set.of("$gt", "$gte", "$lt", "$lte");

    private final MVMap<KeyValue, Object> map;
    /** Whether it serves a range or an equality on its first field ({@link #canHandle}), or sorted walks only. */
    private final boolean answersRanges;

    KeyedSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse,
            boolean answersRanges) {
        super(name, keys, sparse);
        this.map = map;
        this.answersRanges = answersRanges;
    }

    /** Whether it answers ranges of its first field, or serves sorted walks only. */
    boolean answersRanges() {
        return answersRanges;
    }

    /** Its entries: each document's key values, then its {@code _id}, to its position. */
    MVMap<KeyValue, Object> entries() {
        return map;
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // never a conflict
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue key : getKeyValues(document)) {
            map.put(withId(key, document), position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = null;
        for (KeyValue key : getKeyValues(document)) {
            Object removed = map.remove(withId(key, document));
            position = removed != null ? removed : position;
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // never a conflict
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (!getKeyValues(oldDocument).equals(getKeyValues(newDocument))) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    /**
     * A query that asks the index's first field for a value or a range of values (and anything else besides), when it
     * answers ranges; an index kept for sorted walks ({@link SortedWalk}) leaves every query to the others.
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        return answersRanges && bounds(query.get(keys().get(0))) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Object[] bounds = bounds(query.get(keys().get(0)));
        Set<Object> positions = new LinkedHashSet<>();
        // a key is the index's values and the document's _id
        Cursor<KeyValue, Object> cursor = map.cursor(
                KeyValueType.lowestStartingWith(List.of(bounds[0]), keys().size() + 1));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (KeyValueType.compareValues(key.get(0), bounds[1]) > 0) {
                break;
            }
            positions.add(cursor.getValue());
        }
        return positions;
    }

    /**
     * The lowest and highest value of the first field that a condition on it can match (inclusive: the collection
     * checks the bounds themselves), or null when it asks for neither a value nor a range of values of one type.
     */
    private static Object[] bounds(Object condition) {
        if (condition == null || condition instanceof Document operators && operators.isEmpty()) {
            return null;
        }
        if (!(condition instanceof Document operators) || operators.keySet().stream().noneMatch(RANGES::contains)) {
            return condition instanceof Document || condition instanceof List<?> ? null
                    : new Object[] { condition, condition };
        }
        Object low = MinKey.getInstance();
        Object high = MaxKey.getInstance();
        for (String operator : operators.keySet()) {
            Object value = operators.get(operator);
            switch (operator) {
                case "$gt", "$gte" -> low = value;
                case "$lt", "$lte" -> high = value;
                default -> {
                    // other operators are checked by the collection on the range's documents
                }
            }
        }
        if (low instanceof Document || low instanceof List<?> || high instanceof Document || high instanceof List<?>) {
            return null;
        }
        return new Object[] { low, high };
    }

    private static KeyValue withId(KeyValue key, Document document) {
        List<Object> values = new ArrayList<>(key.size() + 1);
        for (int i = 0; i < key.size(); i++) {
            values.add(key.get(i));
        }
        values.add(document.get("_id"));
        return new KeyValue(values);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        map.clear();
    }
}
