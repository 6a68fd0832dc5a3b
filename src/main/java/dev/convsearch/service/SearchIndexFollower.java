package dev.convsearch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.convsearch.api.Timestamps;
import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.domain.KeptText;
import dev.convsearch.domain.TextIndex;
import dev.convsearch.domain.TextIndex.IndexState;
import dev.convsearch.embedded.EmbeddedMongo;
import dev.convsearch.repository.IndexSetup;
import dev.convsearch.repository.KeptTextRepository;
import dev.convsearch.repository.Revisions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Keeps the text index derived from MongoDB. At start, in the background, it opens the index and catches it up: from
 * where its last commit says it was complete (after a crash, a restart or a copied data folder), or from nothing when
 * it has no commit, was made from another database, or is older than the deletions MongoDB keeps; on the embedded
 * database, an index closed cleanly (not killed) needs nothing read, since no other process writes it. Then it follows:
 * every {@code convsearch.search.poll-interval} it takes in what other replicas wrote and deleted since, reaching back
 * {@code follow-margin} for writes that were late or stamped by a clock behind this one's (on the embedded database,
 * which no other process uses, there is nothing to follow). It commits the index every {@value #COMMIT_EVERY_POLLS}
 * looks, and the service is ready once the first catch-up is done.
 */
@ApplicationScoped
public class SearchIndexFollower {

    private static final Logger LOG = Logger.getLogger(SearchIndexFollower.class);
    private static final int BATCH = 1000;
    private static final Duration OPEN_WAIT = Duration.ofSeconds(30);
    private static final int COMMIT_EVERY_POLLS = 10;

    private final TextIndex index;
    private final KeptTextRepository texts;
    private final Revisions revisions;
    private final Duration pollInterval;
    private final Duration margin;
    /** On the embedded database, which no other process uses: nothing to follow after the first look. */
    private final boolean alone;
    /** What other replicas wrote and was taken in, by key, within the margin: a later look skips it. */
    private final Map<String, Instant> recent = new HashMap<>();
    private volatile Instant complete;
    private volatile Instant startedAt;
    private String databaseId;
    private int polls;
    /**
     * Whether the next look takes in this replica's own writes too: the first after the catch-up does, for what was
     * written while the index opened or caught up (which the catch-up may have read as it was before).
     */
    private boolean ownToo = true;
    private Cancellable running;

    public SearchIndexFollower(TextIndex index, KeptTextRepository texts, Revisions revisions,
            ConvsearchConfig config, EmbeddedMongo embedded) {
        this.index = index;
        this.texts = texts;
        this.revisions = revisions;
        this.pollInterval = config.search().pollInterval();
        this.margin = config.search().followMargin();
        this.alone = embedded.active();
    }

    void onStart(@Observes StartupEvent event) {
        startedAt = Timestamps.now();
        openOrStop();
        running = index.open().chain(this::catchUp)
                .onFailure().invoke(e -> LOG.warnf("Catching the search index up failed (%s: %s); retrying",
                        e.getClass().getSimpleName(), e.getMessage()))
                .onFailure().retry().withBackOff(IndexSetup.RETRY_FIRST, IndexSetup.RETRY_MOST).indefinitely()
                .onItem().transformToMulti(caughtUp -> Multi.createFrom().ticks().every(pollInterval)
                        .onOverflow().drop()
                        .onItem().transformToUniAndConcatenate(tick -> follow().onFailure()
                                .invoke(e -> LOG.debugf("Following MongoDB failed (%s); trying again",
                                        e.getClass().getSimpleName()))
                                .onFailure().recoverWithNull()))
                .subscribe().with(ignored -> {
                }, failure -> LOG.error("The search index stopped following MongoDB", failure));
    }

    /**
     * Opens the index as the service starts (it takes milliseconds): a folder another process holds stops the start at
     * once with one line that names it and the setting, as the embedded database does, never a loop of retries. Any
     * other failure is left to the catch-up's retries.
     */
    private void openOrStop() {
        try {
            index.open().await().atMost(OPEN_WAIT);
        } catch (TextIndex.FolderHeld held) {
            throw new ConfigurationException(held.getMessage());
        } catch (RuntimeException notYet) {
            LOG.debugf("Opening the search index failed (%s); the catch-up tries again", notYet.getMessage());
        }
    }

    /** How far behind MongoDB the index may be: the time since the last look that took everything in. */
    public Duration lag() {
        Instant since = complete != null ? complete : startedAt;
        return since == null ? Duration.ZERO : Duration.between(since, Timestamps.now());
    }

    private Uni<Void> catchUp() {
        Instant start = now();
        return texts.state().chain(state -> {
            databaseId = state.databaseId();
            IndexState held = index.state();
            boolean same = held.complete() != null && state.databaseId().equals(held.databaseId());
            // alone, an index closed cleanly holds everything, however old: no other process writes the database
            boolean whole = same && alone && held.closedCleanly();
            boolean anew = !same
                    || !whole && held.complete().isBefore(start.minus(KeptTextRepository.DELETIONS_KEPT));
            Uni<Void> titles = state.titlesKept() ? Uni.createFrom().voidItem()
                    : texts.keepEarlierTitles().invoke(kept -> LOG.infof("Kept the titles of %d earlier conversations",
                            kept)).replaceWithVoid();
            Uni<Void> caughtUp;
            if (anew) {
                caughtUp = index.clear().chain(() -> titles).chain(() -> keep(texts.all(), false));
            } else if (whole) {
                caughtUp = titles;
                ownToo = index.missedWrites(); // written before the index opened: MongoDB alone has it
            } else {
                Instant since = held.complete().minus(margin);
                caughtUp = titles.chain(() -> keep(texts.writtenSince(since, true), false))
                        .chain(() -> forget(texts.deletedSince(since, true)));
            }
            return caughtUp.chain(() -> {
                complete = start;
                return index.commit(new IndexState(start, databaseId));
            }).invoke(() -> {
                index.caughtUp();
                LOG.infof("Search index caught up with MongoDB (%s) in %d ms",
                        anew ? "built anew" : whole ? "closed cleanly: nothing to read" : "from its last commit",
                        Duration.between(start, Timestamps.now()).toMillis());
            });
        });
    }

    /**
     * Takes in what other replicas wrote and deleted since the last look (and the margin before it); commits now and
     * then. Alone on the embedded database, only the first look reads MongoDB.
     */
    private Uni<Void> follow() {
        Instant start = now();
        Instant since = complete.minus(margin);
        recent.values().removeIf(writtenAt -> writtenAt.isBefore(since));
        boolean own = ownToo;
        Uni<Void> look = alone && !own ? Uni.createFrom().voidItem()
                : keep(texts.writtenSince(since, own), true).chain(() -> forget(texts.deletedSince(since, own)));
        return look.chain(() -> {
            complete = start;
            ownToo = false;
            return ++polls % COMMIT_EVERY_POLLS == 0 ? index.commit(new IndexState(start, databaseId))
                    : Uni.createFrom().voidItem();
        });
    }

    /** Keeps every text of {@code rows} in the index, in batches; those seen within the margin only once. */
    private Uni<Void> keep(Multi<KeptText> rows, boolean skipRecent) {
        return rows.filter(text -> !skipRecent || seenFirst(text)).group().intoLists().of(BATCH)
                .onItem().transformToUniAndConcatenate(index::keep).collect().last().replaceWithVoid();
    }

    private boolean seenFirst(KeptText text) {
        String key = text.userId() + '\u0000' + text.conversationId() + '\u0000' + text.eventId();
        return !text.writtenAt().equals(recent.put(key, text.writtenAt()));
    }

    private Uni<Void> forget(Multi<KeptTextRepository.Deletion> deletions) {
        return deletions.onItem().transformToUniAndConcatenate(
                deletion -> index.forget(deletion.userId(), deletion.conversationId(), deletion.deletedAt()))
                .collect().last().replaceWithVoid();
    }

    /** Now, or just before the oldest write of this replica still on its way, which must be taken in later. */
    private Instant now() {
        return revisions.walkStart();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (running != null) {
            running.cancel();
        }
    }
}
