package dev.convsearch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.domain.TextHits;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;

/**
 * One page of a search with {@code q} in an order MongoDB keeps (a date or the title), after the cursor. When most of
 * the user's conversations match ({@link TextHits#most()}), the conversations the filter selects are read in that
 * order from the cursor, a chunk at a time, and the matches kept, until the page is full: first as many as should
 * hold a page of matches ({@link TextHits#toFind}: at most two and a half pages), then four times as many each time,
 * up to {@value #LARGEST_CHUNK}. So a page reads about a page of conversations, and MongoDB is not sent the ids of
 * every match (an {@code $in} as long as the user's history, which it would parse for every page). When fewer match,
 * MongoDB is asked for the page among the matches' ids.
 */
final class DatePage {

    /** The most conversations one read takes: a filter that passes few of the matches never holds more in memory. */
    private static final int LARGEST_CHUNK = 1_000;

    private final ConversationRepository repository;
    private final SearchFilter filter;
    private final SortOrder order;
    private final int limit;
    private final Instant asOf;
    private final Set<String> matches;
    private final List<ConversationDocument> found = new ArrayList<>();

    private DatePage(ConversationRepository repository, SearchFilter filter, SortOrder order, int limit, Instant asOf,
            TextHits hits) {
        this.repository = repository;
        this.filter = filter;
        this.order = order;
        this.limit = limit;
        this.asOf = asOf;
        this.matches = new HashSet<>(hits.ids());
    }

    /**
     * At most {@code limit} of {@code hits} that {@code filter} selects, in {@code order}, after {@code after} (the
     * first page when null); {@code asOf} is when the walk began.
     */
    static Uni<List<ConversationDocument>> read(ConversationRepository repository, SearchFilter filter,
            SortOrder order, int limit, PagePosition after, Instant asOf, TextHits hits) {
        if (!hits.most()) {
            return repository.findPage(filter, order, after, limit, hits.ids());
        }
        return new DatePage(repository, filter, order, limit, asOf, hits).readChunk(after, hits.toFind(limit));
    }

    /** Reads {@code chunk} conversations after {@code from}, keeps the matches, and goes on while the page is short. */
    private Uni<List<ConversationDocument>> readChunk(PagePosition from, int chunk) {
        return repository.readPage(filter, order, from, chunk).chain(docs -> {
            for (ConversationDocument doc : docs) {
                if (matches.contains(doc.conversationId)) {
                    found.add(doc);
                    if (found.size() == limit) {
                        return Uni.createFrom().item(found);
                    }
                }
            }
            if (docs.size() < chunk) {
                return Uni.createFrom().item(found);
            }
            PagePosition next = ConversationRepository.positionOf(docs.get(docs.size() - 1), order, asOf);
            return readChunk(next, Math.max(chunk, Math.min(4 * chunk, LARGEST_CHUNK)));
        });
    }
}
