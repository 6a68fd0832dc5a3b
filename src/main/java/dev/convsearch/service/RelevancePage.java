package dev.convsearch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.Rank;
import dev.convsearch.domain.SearchFilter;
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

    /** Best first by what the index knows: title words, then score; the last update breaks its ties. */
    private static final Comparator<TextRelevance> INDEX_ORDER = TextRelevance.BEST_FIRST;
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
    /** The matches not yet read, best first as taken: a heap, so that only what a page needs is ordered. */
    private final PriorityQueue<Map.Entry<String, TextRelevance>> candidates = new PriorityQueue<>(
            Map.Entry.comparingByValue(INDEX_ORDER));
    private final List<Map.Entry<Ranked, ConversationDocument>> found = new ArrayList<>();

    private RelevancePage(ConversationRepository repository, SearchFilter filter, int limit, PagePosition after,
            List<Map.Entry<String, TextRelevance>> matches) {
        this.repository = repository;
        this.filter = filter;
        this.asOf = after == null ? null : after.asOf();
        this.cursor = after == null ? null : new Ranked((Rank) after.sortValue(), after.conversationId());
        this.limit = limit;
        if (cursor == null) {
            candidates.addAll(matches);
        } else {
            TextRelevance from = new TextRelevance(cursor.rank().titleClauses(), cursor.rank().score());
            matches.stream().filter(match -> INDEX_ORDER.compare(match.getValue(), from) >= 0)
                    .forEach(candidates::add);
        }
    }

    /** At most {@code limit} of {@code matches} that {@code filter} selects, best first, after {@code after}. */
    static Uni<Page> read(ConversationRepository repository, SearchFilter filter, int limit, PagePosition after,
            List<Map.Entry<String, TextRelevance>> matches) {
        RelevancePage page = new RelevancePage(repository, filter, limit, after, matches);
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
        TextRelevance last = null;
        while (!candidates.isEmpty()
                && (ids.size() < chunk || INDEX_ORDER.compare(last, candidates.peek().getValue()) == 0)) {
            Map.Entry<String, TextRelevance> next = candidates.poll();
            ids.add(next.getKey());
            taken.put(next.getKey(), next.getValue());
            last = next.getValue();
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
}
