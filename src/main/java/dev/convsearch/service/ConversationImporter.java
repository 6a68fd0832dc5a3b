package dev.convsearch.service;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.PARENT_CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.TITLE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.convsearch.api.ImportResult;
import dev.convsearch.api.ImportResult.LineFailure;
import dev.convsearch.api.Timestamps;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.ConversationRepository.Upsert;
import dev.convsearch.repository.ConversationRepository.UpsertCounts;
import dev.convsearch.repository.MongoErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Imports conversations into the caller's own: a new id is created, a known one updated with the fields its line gives.
 * Lines are written in bulk batches as they arrive, one batch at a time, so memory stays bounded whatever the size of
 * the import; each line that could not be read is reported by number while every good one lands.
 */
@ApplicationScoped
public class ConversationImporter {

    static final int BATCH_SIZE = 500;

    private final ConversationRepository repository;
    private final SubConversations subConversations;
    private final ConversationTexts texts;

    public ConversationImporter(ConversationRepository repository, SubConversations subConversations,
            ConversationTexts texts) {
        this.repository = repository;
        this.subConversations = subConversations;
        this.texts = texts;
    }

    /** Imports every line of {@code lines} for {@code userId}. */
    public Uni<ImportResult> importLines(String userId, Multi<ImportLine> lines) {
        return lines.group().intoLists().of(BATCH_SIZE)
                .onItem().transformToUniAndConcatenate(batch -> write(userId, batch))
                .collect().in(Tally::new, Tally::add)
                .call(() -> subConversations.reconciled(userId))
                .map(Tally::result);
    }

    /**
     * Writes the good lines of a batch (retrying once when a concurrent import created one of its ids first), then marks
     * the parents its children name.
     */
    private Uni<Batch> write(String userId, List<ImportLine> batch) {
        Instant now = Timestamps.now();
        // the parent is set when a conversation is created, never after: a re-import does not move it
        List<Upsert> upserts = batch.stream().filter(ImportLine::ok)
                .map(line -> new Upsert(line.change().without(Set.of(PARENT_CONVERSATION_ID)),
                        line.change().orElse(ConversationDefaults.of(line.change(), now))))
                .toList();
        if (upserts.isEmpty()) {
            return Uni.createFrom().item(new Batch(batch, new UpsertCounts(0, 0, Set.of())));
        }
        List<String> parents = batch.stream().filter(ImportLine::ok)
                .map(line -> (String) line.change().get(PARENT_CONVERSATION_ID)).filter(Objects::nonNull).distinct()
                .toList();
        return repository.upsertAll(userId, upserts).onFailure(MongoErrors::isDuplicateKey).retry().atMost(1)
                .call(() -> subConversations.linked(userId, parents, List.of()))
                // what an earlier conversation of a created id left is forgotten before its title is kept
                .call(counts -> texts.startAnew(userId, createdTitles(upserts, counts.creating()), now))
                .call(counts -> texts.keepTitles(userId, updatedTitles(upserts, counts.creating())))
                .map(counts -> new Batch(batch, counts));
    }

    /** The titles of the conversations the upserts created (a title given, or the default one), by id. */
    private static Map<String, String> createdTitles(List<Upsert> upserts, Set<Integer> creating) {
        Map<String, String> titles = new HashMap<>();
        for (int i : creating) {
            Upsert upsert = upserts.get(i);
            Object title = upsert.given().get(TITLE) != null ? upsert.given().get(TITLE) : upsert.defaults().get(TITLE);
            titles.put((String) upsert.given().get(CONVERSATION_ID), (String) title);
        }
        return titles;
    }

    /** The titles the upserts gave the conversations they updated, by id (an update without one keeps its title). */
    private static Map<String, String> updatedTitles(List<Upsert> upserts, Set<Integer> creating) {
        Map<String, String> titles = new HashMap<>();
        for (int i = 0; i < upserts.size(); i++) {
            Object title = upserts.get(i).given().get(TITLE);
            if (!creating.contains(i) && title != null) {
                titles.put((String) upserts.get(i).given().get(CONVERSATION_ID), (String) title);
            }
        }
        return titles;
    }

    /** A batch of lines and what writing its good ones did. */
    private record Batch(List<ImportLine> lines, UpsertCounts counts) {
    }

    /** Counts what the import did. */
    private static final class Tally {
        private long created;
        private long updated;
        private long failedCount;
        private final List<LineFailure> failed = new ArrayList<>();

        void add(Batch batch) {
            created += batch.counts().created();
            updated += batch.counts().updated();
            for (ImportLine line : batch.lines()) {
                if (!line.ok()) {
                    failedCount++;
                    if (failed.size() < ImportResult.MAX_LISTED_FAILURES) {
                        failed.add(new LineFailure(line.number(), line.failure()));
                    }
                }
            }
        }

        ImportResult result() {
            return new ImportResult(created, updated, List.copyOf(failed), failedCount);
        }
    }
}
