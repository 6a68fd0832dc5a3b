package dev.convsearch.repository;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

import jakarta.inject.Singleton;

import dev.convsearch.api.Timestamps;
import io.smallrye.mutiny.Uni;

/**
 * The clock of {@code revised_at} and of the walks through the pages. A write is stamped when it is sent, and a walk
 * leaves out of its later pages what was stamped after it began. But a write is seen only once MongoDB has it: a walk
 * beginning while a write is on its way reads the conversation as it was, and would meet it again where the write
 * moves it if the write's stamp counted as before the walk. So a walk begins just before the oldest write still on
 * its way, and never at the millisecond of a write. (Writes on their way on another replica are not known here; see
 * the README.)
 */
@Singleton
public class Revisions {

    /** No write lasts this long (MongoDB's timeouts end every one within seconds): an older one lost its end. */
    static final Duration LONGEST_WRITE = Duration.ofMinutes(1);

    /** The stamps of the writes on their way, with how many writes carry each. */
    private final ConcurrentSkipListMap<Instant, Integer> onTheirWay = new ConcurrentSkipListMap<>();

    /** {@code write} with a fresh stamp for its {@code revised_at}, counted as on its way until it ends in any way. */
    <T> Uni<T> stamped(Function<Instant, Uni<T>> write) {
        return Uni.createFrom().deferred(() -> {
            Instant stamp = newStamp();
            return write.apply(stamp).onTermination().invoke(() -> onTheirWay.computeIfPresent(stamp,
                    (at, writes) -> writes == 1 ? null : writes - 1));
        });
    }

    /**
     * A stamp, counted as on its way. Taking it and counting it is one step for {@link #walkStart} (the same lock): a
     * walk could otherwise begin between the two, after the stamp and without seeing it.
     */
    private synchronized Instant newStamp() {
        Instant stamp = Timestamps.now();
        onTheirWay.merge(stamp, 1, Integer::sum);
        return stamp;
    }

    /** When a walk beginning now begins: before every write that is on its way or still to come. */
    public synchronized Instant walkStart() {
        Instant now = Timestamps.now();
        Instant start = now.minusMillis(1);
        Map.Entry<Instant, Integer> oldest = onTheirWay.firstEntry();
        if (oldest != null && oldest.getKey().isAfter(now.minus(LONGEST_WRITE))
                && !oldest.getKey().isAfter(start)) {
            start = oldest.getKey().minusMillis(1);
        }
        return start;
    }
}
