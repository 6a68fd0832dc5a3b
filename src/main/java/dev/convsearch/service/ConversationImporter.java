package dev.convsearch.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.bulk.BulkWriteResult;

import dev.convsearch.api.ImportResult;
import dev.convsearch.api.ImportResult.LineFailure;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.Timestamps;
import dev.convsearch.error.JsonErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationError;
import dev.convsearch.repository.ConversationDocument;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.repository.ConversationRepository.Upsert;
import dev.convsearch.repository.MongoErrors;

/**
 * Imports OpenHands {@code metadata.json} objects, one per line, into the caller's own conversations: a new id is
 * created, a known one updated with the fields the line gives. Fields OpenHands keeps that convsearch does not
 * (llm_model, accumulated_cost, user_id...) are ignored: the owner is always the caller. Each bad line is reported by
 * number while every good one lands. Reads the body as it arrives and writes in bulk batches, so memory stays bounded
 * whatever the body's size. Runs on a worker thread.
 */
@ApplicationScoped
public class ConversationImporter {

    static final int BATCH_SIZE = 500;
    static final int MAX_LINE_BYTES = 1 << 20;

    private final ConversationRepository repository;
    private final ObjectMapper mapper;
    private final ObjectReader lenientReader;

    public ConversationImporter(ConversationRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
        this.lenientReader = mapper.readerFor(NewConversation.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Imports every line of {@code body} for {@code userId}; blocks until the last batch is written. */
    public ImportResult importLines(String userId, InputStream body) {
        Tally tally = new Tally();
        List<Upsert> batch = new ArrayList<>(BATCH_SIZE);
        NdjsonLines lines = new NdjsonLines(body, MAX_LINE_BYTES);
        try {
            for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.tooLong()) {
                    tally.fail(line.number(), "Line longer than " + MAX_LINE_BYTES + " bytes");
                } else if (!line.text().isBlank()) {
                    try {
                        batch.add(parse(userId, line.text()));
                    } catch (LineException e) {
                        tally.fail(line.number(), e.getMessage());
                    }
                }
                if (batch.size() == BATCH_SIZE) {
                    tally.add(write(batch));
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!batch.isEmpty()) {
            tally.add(write(batch));
        }
        return tally.result();
    }

    private Upsert parse(String userId, String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LineException("Invalid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new LineException("Input should be a JSON object");
        }
        NewConversation values;
        try {
            values = lenientReader.treeToValue(node, NewConversation.class);
        } catch (MismatchedInputException e) {
            throw new LineException(describe(List.of(JsonErrors.of(e))));
        } catch (JsonProcessingException e) {
            throw new LineException("Input is not valid");
        }
        if (values.conversationId() == null) {
            throw new LineException("conversation_id: Field required");
        }
        try {
            ConversationDocument doc = ConversationRules.newDocument(userId, values, Timestamps.now());
            Set<String> given = new HashSet<>();
            node.fieldNames().forEachRemaining(given::add);
            given.retainAll(ConversationRules.IMPORTABLE);
            given.add(ConversationDocument.REVISED_AT);
            return new Upsert(doc, given);
        } catch (RequestValidationException e) {
            throw new LineException(describe(e.errors()));
        }
    }

    /** Writes a batch; retries once when a concurrent import created one of its ids first (the upsert race). */
    private BulkWriteResult write(List<Upsert> batch) {
        return repository.upsertAll(batch)
                .onFailure(MongoErrors::isDuplicateKey).retry().atMost(1)
                .await().indefinitely();
    }

    /** "field: message; field: message", without the leading "body". */
    private static String describe(List<ValidationError> errors) {
        return errors.stream()
                .map(error -> error.loc().stream().skip(1).map(String::valueOf).collect(Collectors.joining("."))
                        + ": " + error.msg())
                .collect(Collectors.joining("; "));
    }

    /** Why one line cannot be imported. */
    private static final class LineException extends RuntimeException {
        LineException(String detail) {
            super(detail, null, false, false);
        }
    }

    /** Counts what the import did. */
    private static final class Tally {
        private long created;
        private long updated;
        private long failedCount;
        private final List<LineFailure> failed = new ArrayList<>();

        void add(BulkWriteResult result) {
            created += result.getUpserts().size();
            updated += result.getMatchedCount();
        }

        void fail(int line, String detail) {
            failedCount++;
            if (failed.size() < ImportResult.MAX_LISTED_FAILURES) {
                failed.add(new LineFailure(line, detail));
            }
        }

        ImportResult result() {
            return new ImportResult(created, updated, List.copyOf(failed), failedCount);
        }
    }
}
