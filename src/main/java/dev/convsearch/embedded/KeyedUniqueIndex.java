package dev.convsearch.embedded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map.Entry;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A unique index of the embedded database on an H2 map ordered by {@link KeyValueType} (mongo-java-server's own H2 index, on
 * that map).
 */
final class KeyedUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    KeyedUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    /**
     * Also the queries that give the index's first field as a string, whatever else they ask (and the next fields as
     * strings, or the last of them as an {@code $in} of strings): their documents are in a run of the map's keys, which
     * are ordered field by field (a few runs for an {@code $in}). The collection checks every document it is given
     * against the whole query, so the run's documents, a superset of the matches, give the right answer; without this,
     * every query but one by exactly the index's fields read every document of the collection (a user's search read
     * every user's conversations).
     */
    @Override
    public synchronized boolean canHandle(Document query) {
        return super.canHandle(query) || !prefixes(query).isEmpty();
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        List<Object> positions = new ArrayList<>();
        for (List<Object> prefix : prefixes(query)) {
            addRun(prefix, positions);
        }
        return positions;
    }

    /** The values of the index's first fields that the query's documents must hold: one list a run of keys. */
    private List<List<Object>> prefixes(Document query) {
        List<List<Object>> prefixes = List.of(List.of());
        for (String field : keys()) {
            List<Object> values = strings(query.get(field));
            if (values.isEmpty()) {
                break;
            }
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                for (Object value : values) {
                    List<Object> next = new ArrayList<>(prefix);
                    next.add(value);
                    longer.add(next);
                }
            }
            prefixes = longer;
            if (values.size() > 1) {
                break;
            }
        }
        return prefixes.get(0).isEmpty() ? List.of() : prefixes;
    }

    /** A string asked for equal, or the strings of an {@code $in} of strings only; else none. */
    private static List<Object> strings(Object condition) {
        if (condition instanceof String value) {
            return List.of(value);
        }
        if (condition instanceof Document operators && operators.size() == 1
                && operators.get("$in") instanceof Collection<?> in && !in.isEmpty()
                && in.stream().allMatch(String.class::isInstance)) {
            return List.copyOf(new LinkedHashSet<>(in));
        }
        return List.of();
    }

    /** Adds the positions of every key that starts with {@code prefix}. */
    private void addRun(List<Object> prefix, List<Object> positions) {
        Cursor<KeyValue, Object> cursor = map.cursor(KeyValueType.lowestStartingWith(prefix, keys().size()));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            for (int i = 0; i < prefix.size(); i++) {
                if (!prefix.get(i).equals(key.get(i))) {
                    return;
                }
            }
            positions.add(cursor.getValue());
        }
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
}
