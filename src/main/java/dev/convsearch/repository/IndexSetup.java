package dev.convsearch.repository;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Creates the indexes at start-up without holding start-up back: the attempt runs in the background and retries with
 * back-off while MongoDB is unreachable. The service reports ready only once the indexes exist.
 */
@ApplicationScoped
public class IndexSetup {

    private static final Logger LOG = Logger.getLogger(IndexSetup.class);
    /**
     * How start-up work that needs MongoDB retries while it cannot be reached (the indexes here, the search index's
     * catch-up): each try waits up to the server selection timeout (3 s) anyway, so a short back-off costs nothing, and
     * the service is ready within seconds of MongoDB answering.
     */
    public static final Duration RETRY_FIRST = Duration.ofMillis(200);
    public static final Duration RETRY_MOST = Duration.ofSeconds(2);

    private final ConversationRepository conversations;
    private final ApiKeyRepository apiKeys;
    private final KeptTextRepository texts;
    private final FeedDeletionRepository feedDeletions;
    private final AtomicBoolean ready = new AtomicBoolean();
    private Cancellable attempt;

    public IndexSetup(ConversationRepository conversations, ApiKeyRepository apiKeys, KeptTextRepository texts,
            FeedDeletionRepository feedDeletions) {
        this.conversations = conversations;
        this.apiKeys = apiKeys;
        this.texts = texts;
        this.feedDeletions = feedDeletions;
    }

    void onStart(@Observes StartupEvent event) {
        attempt = Uni.combine().all()
                .unis(conversations.createIndexes(), apiKeys.createIndexes(), texts.createIndexes(),
                        feedDeletions.createIndexes())
                .with((conversationIndexes, keyIndexes, textIndexes, feedIndexes) -> conversationIndexes.size()
                        + keyIndexes.size() + textIndexes.size() + feedIndexes.size())
                .onFailure().invoke(e -> LOG.warnf("Creating indexes failed (%s); retrying", e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MOST).indefinitely()
                .subscribe().with(
                        count -> {
                            ready.set(true);
                            LOG.infof("Indexes in place: %d", count);
                        },
                        failure -> LOG.error("Creating indexes gave up", failure));
    }

    /** Whether every index exists. */
    public boolean ready() {
        return ready.get();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (attempt != null) {
            attempt.cancel();
        }
    }
}
