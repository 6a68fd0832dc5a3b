package dev.convsearch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.Rank;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.TextHits;
import dev.convsearch.domain.TextRelevance;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import io.smallrye.mutiny.Uni;

/**
 * One page of a search with {@code q} in relevance order: the matches the text index found that the filter selects,
 * best first (then the more recently updated, then the greater id), after the cursor. The matches are taken in the
 * index's order (title words, then score) a chunk at a time, and MongoDB is asked for the chunk's conversations that
 * the filter selects, until the page is full: the page's size first, then four times as many each time. So a page reads
 * about a page of conversations when the filter passes most matches, however many match. A chunk never splits matches
 * of one index rank, which only their last update orders.
 */
final class RelevancePage {

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparing(Ranked::rank, Rank.BEST_FIRST)
            .thenComparing(Ranked::conversationId, Comparator.reverseOrder());

    /** A conversation in a relevance order. */
    private record Ranked(Rank rank, String conversationId) {
    }

    /** A page's conversations in order, and the relevance of each (and of every other match read on the way). */
    record Page(List<ConversationDocument> docs, Map<String, TextRelevance> relevance) {
    }

    private final ConversationRepository repository;
    private final SearchFilter filter;
    private final Instant asOf;
    /** The relevance of each candidate taken so far, by its conversation's id. */
    private final Map<String, TextRelevance> taken = new HashMap<>();
    private final Ranked cursor;
    private final int limit;
    private final TextHits hits;
    /** The matches not yet read. */
    private final Candidates candidates;
    private final List<Map.Entry<Ranked, ConversationDocument>> found = new ArrayList<>();

    private RelevancePage(ConversationRepository repository, SearchFilter filter, int limit, PagePosition after,
            TextHits hits) {
        this.repository = repository;
        this.filter = filter;
        this.asOf = after == null ? null : after.asOf();
        this.cursor = after == null ? null : new Ranked((Rank) after.sortValue(), after.conversationId());
        this.limit = limit;
        this.hits = hits;
        this.candidates = new Candidates(hits,
                cursor == null ? null : new TextRelevance(cursor.rank().titleClauses(), cursor.rank().score()));
    }

    /** At most {@code limit} of {@code hits} that {@code filter} selects, best first, after {@code after}. */
    static Uni<Page> read(ConversationRepository repository, SearchFilter filter, int limit, PagePosition after,
            TextHits hits) {
        RelevancePage page = new RelevancePage(repository, filter, limit, after, hits);
        return page.readChunk(limit);
    }

    /** Where a conversation of this relevance, last updated then, stands in the order (a cursor's sort value). */
    static Rank rank(TextRelevance relevance, Instant updatedAt) {
        return new Rank(relevance.titleClauses(), relevance.score(), updatedAt);
    }

    /**
     * Takes the next {@code chunk} best candidates (and the rest of the last one's index rank), reads those the filter
     * selects, keeps those after the cursor, and goes on with a chunk four times as big until the page is full or no
     * candidate is left.
     */
    private Uni<Page> readChunk(int chunk) {
        if (found.size() >= limit || candidates.isEmpty()) {
            return Uni.createFrom().item(new Page(found.stream().sorted(Map.Entry.comparingByKey(BEST_FIRST))
                    .limit(limit).map(Map.Entry::getValue).toList(), taken));
        }
        List<String> ids = new ArrayList<>();
        int last = -1;
        while (!candidates.isEmpty() && (ids.size() < chunk || hits.compare(last, candidates.peek()) == 0)) {
            int next = candidates.poll();
            ids.add(hits.id(next));
            taken.put(hits.id(next), hits.relevance(next));
            last = next;
        }
        return repository.findAmong(filter, asOf, ids).chain(docs -> {
            for (ConversationDocument doc : docs) {
                Ranked ranked = new Ranked(rank(taken.get(doc.conversationId), doc.lastUpdatedAt),
                        doc.conversationId);
                if (cursor == null || BEST_FIRST.compare(ranked, cursor) > 0) {
                    found.add(Map.entry(ranked, doc));
                }
            }
            return readChunk(4 * chunk);
        });
    }

    /**
     * The matches of {@link #hits} not yet taken (at or after the cursor's relevance, when there is one), best first by
     * what the index knows ({@link TextHits#compare}: title words, then score): a binary heap of their indices, made in
     * one pass, so that only what a page takes is ordered. A heap of the matches as objects, each added in turn, was a
     * tenth of a 1-word search's work on a long history.
     */
    private static final class Candidates {

        private final TextHits hits;
        private final int[] heap;
        private int size;

        Candidates(TextHits hits, TextRelevance from) {
            this.hits = hits;
            this.heap = new int[hits.size()];
            for (int i = 0; i < hits.size(); i++) {
                if (from == null || hits.compare(i, from) >= 0) {
                    heap[size++] = i;
                }
            }
            for (int parent = size / 2 - 1; parent >= 0; parent--) {
                siftDown(parent);
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** The best match left. */
        int peek() {
            return heap[0];
        }

        /** Takes the best match left. */
        int poll() {
            int best = heap[0];
            heap[0] = heap[--size];
            siftDown(0);
            return best;
        }

        /** Moves the match at {@code at} down below every better one. */
        private void siftDown(int at) {
            int match = heap[at];
            for (int child = 2 * at + 1; child < size; child = 2 * at + 1) {
                if (child + 1 < size && hits.compare(heap[child + 1], heap[child]) < 0) {
                    child++;
                }
                if (hits.compare(match, heap[child]) <= 0) {
                    break;
                }
                heap[at] = heap[child];
                at = child;
            }
            heap[at] = match;
        }
    }
}
