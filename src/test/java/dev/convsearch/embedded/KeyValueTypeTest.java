package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MinKey;

/** The embedded database's keys order as mongo-java-server's own comparator orders their values. */
class KeyValueTypeTest {

    private static final String[] PARTS = { "", "a", "A", "b", "é", "e", "z", "0", "9", "-", "_", "\uD83D\uDE00",
            "\uFFFD", "\u00FF", "user", "c1", "c10", "c2" };

    @Test
    void keysOfStringsOrderAsMongoDbOrdersTheirValues() {
        Random random = new Random(29);
        KeyValueType type = new KeyValueType();
        for (int i = 0; i < 20_000; i++) {
            KeyValue a = key(random);
            KeyValue b = key(random);
            assertEquals(Integer.signum(reference(a, b)), Integer.signum(type.compare(a, b)), a + " and " + b);
        }
    }

    @Test
    void theLowestKeyOfAPrefixComesBeforeEveryKeyWithIt() {
        KeyValueType type = new KeyValueType();
        KeyValue lowest = KeyValueType.lowestStartingWith(List.of("user"), 2);
        assertEquals(-1, Integer.signum(type.compare(lowest, new KeyValue("user", ""))));
        assertEquals(1, Integer.signum(type.compare(lowest, new KeyValue("usea", "zzz"))));
        assertEquals(0, type.compare(lowest, KeyValueType.lowestStartingWith(List.of("user"), 2)));
    }

    /** Two or three values: strings made of {@link #PARTS}, now and then a number, null or {@link MinKey}. */
    private static KeyValue key(Random random) {
        List<Object> values = new ArrayList<>();
        int size = 2 + random.nextInt(2);
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                values.add(random.nextInt(3));
            } else if (kind == 1) {
                values.add(null);
            } else if (kind == 2) {
                values.add(MinKey.getInstance());
            } else {
                StringBuilder text = new StringBuilder();
                for (int part = random.nextInt(4); part > 0; part--) {
                    text.append(PARTS[random.nextInt(PARTS.length)]);
                }
                values.add(text.toString());
            }
        }
        return new KeyValue(values);
    }

    private static int reference(KeyValue a, KeyValue b) {
        int size = Integer.compare(a.size(), b.size());
        for (int i = 0; size == 0 && i < a.size(); i++) {
            size = ValueComparator.asc().compare(a.get(i), b.get(i));
        }
        return size;
    }
}
