package dev.convsearch.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;

/**
 * The keys of the embedded database's unique indexes, as H2 keeps them in order: stored as before (H2's object
 * type), but compared value by value as MongoDB compares values. H2's own type compares a key it does not know, such
 * as mongo-java-server's {@link KeyValue}, by serialising both keys with Java serialisation, at every comparison of
 * every lookup and insert: that was most of the cost of every write.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    private final ObjectDataType stored = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int size = Integer.compare(a.size(), b.size());
        for (int i = 0; size == 0 && i < a.size(); i++) {
            size = compareValues(a.get(i), b.get(i));
        }
        return size;
    }

    /**
     * As MongoDB orders two values: the one order of the indexes' keys, and of a scan's bounds among them. Two strings
     * (most keys' values) are compared directly, as mongo-java-server's comparator ends up comparing them after finding
     * their types by reflection, the most of a lookup's work (a search with {@code q} looks up each conversation of its
     * page by its key).
     */
    static int compareValues(Object a, Object b) {
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second);
        }
        return ValueComparator.asc().compare(a, b);
    }

    @Override
    public int getMemory(KeyValue key) {
        return stored.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        stored.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) stored.read(buffer);
    }

    /**
     * The lowest key of {@code size} values that starts with {@code prefix} (the rest {@link MinKey}): where a run of
     * keys with that prefix begins in a map ordered by this type.
     */
    static KeyValue lowestStartingWith(List<Object> prefix, int size) {
        return padded(prefix, size, MinKey.getInstance());
    }

    /**
     * The highest key of {@code size} values that starts with {@code prefix} (the rest {@link MaxKey}): where a run of
     * keys with that prefix ends.
     */
    static KeyValue highestStartingWith(List<Object> prefix, int size) {
        return padded(prefix, size, MaxKey.getInstance());
    }

    /** A key of {@code size} values: {@code prefix}, then {@code filler}. */
    private static KeyValue padded(List<Object> prefix, int size, Object filler) {
        List<Object> values = new ArrayList<>(size);
        values.addAll(prefix);
        while (values.size() < size) {
            values.add(filler);
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
