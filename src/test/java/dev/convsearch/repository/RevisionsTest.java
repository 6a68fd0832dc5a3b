package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.convsearch.api.Timestamps;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A walk begins before every write on its way: such a write's stamp counts as after the walk's start, so the walk's
 * later pages leave it out instead of showing the conversation a second time where the write moved it.
 */
class RevisionsTest {

    private final Revisions revisions = new Revisions();

    @Test
    void withNoWriteOnItsWayAWalkBeginsJustBeforeNowSoAWriteOfThisMillisecondCountsAsAfter() {
        Instant before = Timestamps.now();
        Instant start = revisions.walkStart();
        assertTrue(start.isBefore(Timestamps.now()), "a write stamped from now on counts as after the start");
        assertTrue(!start.isBefore(before.minusMillis(1)), "and nothing acknowledged before counts as after it");
    }

    @Test
    void aWalkBeginsBeforeTheOldestWriteOnItsWayUntilItEnds() throws InterruptedException {
        AtomicReference<Instant> stamp = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> acknowledgement = new AtomicReference<>();
        revisions.stamped(at -> {
            stamp.set(at);
            return Uni.createFrom().<String> emitter(acknowledgement::set);
        }).subscribe().with(done -> {
        });
        Thread.sleep(20);

        assertTrue(revisions.walkStart().isBefore(stamp.get()), "a write on its way counts as after the walk's start");
        acknowledgement.get().complete("acknowledged");
        assertTrue(revisions.walkStart().isAfter(stamp.get()), "once acknowledged, it is before the next walk");
    }

    @Test
    void aFailedOrCancelledWriteIsNoLongerOnItsWay() throws InterruptedException {
        AtomicReference<Instant> failed = new AtomicReference<>();
        assertThrows(IllegalStateException.class, () -> revisions.stamped(at -> {
            failed.set(at);
            return Uni.createFrom().failure(new IllegalStateException("refused"));
        }).await().indefinitely());
        AtomicReference<Instant> cancelled = new AtomicReference<>();
        Cancellable subscription = revisions.stamped(at -> {
            cancelled.set(at);
            return Uni.createFrom().<String> emitter(emitter -> {
            });
        }).subscribe().with(done -> {
        });
        subscription.cancel();
        Thread.sleep(20);

        assertTrue(revisions.walkStart().isAfter(failed.get()));
        assertTrue(revisions.walkStart().isAfter(cancelled.get()));
    }

    @Test
    void aStampIsTakenWhenTheWriteIsSentNotWhenItIsDescribed() throws InterruptedException {
        AtomicReference<Instant> stamp = new AtomicReference<>();
        Uni<Instant> write = revisions.stamped(at -> {
            stamp.set(at);
            return Uni.createFrom().item(at);
        });
        Thread.sleep(20);
        Instant sent = Timestamps.now();

        assertEquals(write.await().indefinitely(), stamp.get());
        assertTrue(!stamp.get().isBefore(sent), "stamped at subscription");
    }
}
