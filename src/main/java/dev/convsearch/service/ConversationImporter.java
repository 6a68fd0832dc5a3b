package dev.convsearch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    public ConversationImporter(ConversationRepository repository) {
        this.repository = repository;
    }

    /** Imports every line of {@code lines} for {@code userId}. */
    public Uni<ImportResult> importLines(String userId, Multi<ImportLine> lines) {
        return lines.group().intoLists().of(BATCH_SIZE)
                .onItem().transformToUniAndConcatenate(batch -> write(userId, batch))
                .collect().in(Tally::new, Tally::add)
                .map(Tally::result);
    }

    /** Writes the good lines of a batch; retries once when a concurrent import created one of its ids first. */
    private Uni<Batch> write(String userId, List<ImportLine> batch) {
        Instant now = Timestamps.now();
        List<Upsert> upserts = batch.stream().filter(ImportLine::ok)
                .map(line -> new Upsert(line.change(), ConversationDefaults.of(line.change(), now)))
                .toList();
        Uni<UpsertCounts> written = upserts.isEmpty() ? Uni.createFrom().item(new UpsertCounts(0, 0))
                : repository.upsertAll(userId, upserts).onFailure(MongoErrors::isDuplicateKey).retry().atMost(1);
        return written.map(counts -> new Batch(batch, counts));
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
