package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.api.ImportResult.LineFailure;
import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.TooManyEventsException;

/**
 * Reads the body of {@code POST /api/conversations/{id}/events}: JSON (one event, or a list of them) or NDJSON (one
 * event a line; a line may also hold several events one after another, as {@code cat} of OpenHands' event files gives).
 * Each event is read by {@link EventReading}; a bad one is reported by its line and the others are kept. An event
 * sent twice counts once, as the last one sent. At most {@value #MAX_EVENTS} events a request.
 */
final class EventBodies {

    static final int MAX_EVENTS = 1000;

    /** What a body holds: the events to keep (one per id), how many had no text, and the ones refused. */
    record Events(List<ConversationEvent> kept, int skipped, List<LineFailure> failed) {
    }

    private final Map<String, ConversationEvent> kept = new LinkedHashMap<>();
    private final List<LineFailure> failed = new ArrayList<>();
    private int skipped;
    private int read;

    private EventBodies() {
    }

    /** The events of a JSON body: a 422 when it is not JSON, or neither an event nor a list. */
    static Events ofJson(InputStream body, ObjectMapper mapper) throws IOException {
        EventBodies events = new EventBodies();
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                for (int line = 1; parser.nextToken() != JsonToken.END_ARRAY; line++) {
                    events.add(line, parser.readValueAsTree());
                }
            } else if (first == JsonToken.START_OBJECT) {
                events.add(1, parser.readValueAsTree());
            } else {
                throw notEvents();
            }
            if (parser.nextToken() != null) {
                throw new RequestValidationException(FastApiErrors.jsonInvalid());
            }
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(FastApiErrors.jsonInvalid());
        }
        return events.result();
    }

    /** The events of an NDJSON body, line by line: a line that is not JSON is refused, the others are read. */
    static Events ofNdjson(InputStream body, ObjectMapper mapper, int maxLineBytes) throws IOException {
        EventBodies events = new EventBodies();
        NdjsonLines lines = new NdjsonLines(body, maxLineBytes);
        for (NdjsonLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.tooLong()) {
                events.failed.add(new LineFailure(line.number(), "Line longer than " + maxLineBytes + " bytes"));
            } else if (!line.text().isBlank()) {
                try (MappingIterator<JsonNode> values = mapper.readerFor(JsonNode.class).readValues(line.text())) {
                    while (values.hasNextValue()) {
                        events.add(line.number(), values.nextValue());
                    }
                } catch (JsonProcessingException e) {
                    events.failed.add(new LineFailure(line.number(), "Invalid JSON"));
                }
            }
        }
        return events.result();
    }

    private void add(int line, JsonNode event) {
        if (++read > MAX_EVENTS) {
            throw new TooManyEventsException(MAX_EVENTS);
        }
        EventReading.Read result = EventReading.read(event);
        if (result.event() != null) {
            kept.remove(result.event().eventId());
            kept.put(result.event().eventId(), result.event());
        } else if (result.skipped()) {
            skipped++;
        } else {
            failed.add(new LineFailure(line, result.failure()));
        }
    }

    private Events result() {
        return new Events(List.copyOf(kept.values()), skipped, List.copyOf(failed));
    }

    private static RequestValidationException notEvents() {
        return new RequestValidationException(FastApiErrors.valueError(FastApiErrors.body(),
                "Input should be an event object or a list of them"));
    }
}
