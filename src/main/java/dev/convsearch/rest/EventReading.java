package dev.convsearch.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.convsearch.api.Timestamps;
import dev.convsearch.domain.ConversationEvent;

/**
 * Reads one OpenHands event into what is kept of it, in the two shapes OpenHands writes:
 * <ul>
 * <li>V1 (software-agent-sdk; {@code kind} names the class): {@code MessageEvent}'s {@code llm_message.content} texts;
 * {@code ActionEvent}'s {@code thought} texts and its action's {@code command}, {@code path}, {@code message} and
 * {@code code}; {@code ObservationEvent}'s observation {@code content} (a string, or the texts of a list) or
 * {@code output}; {@code AgentErrorEvent}'s {@code error}; {@code UserRejectObservation}'s {@code rejection_reason}.
 * Every other kind (system prompt, state updates, condensation, pause...) is skipped.
 * <li>V0 (OpenHands 0.x file store): an {@code action} with {@code args} ({@code content}, {@code thought},
 * {@code command}, {@code path}, {@code code}), or an {@code observation} with {@code content}.
 * </ul>
 * Each needs an {@code id} (a string, or V0's integer); {@code timestamp} (ISO-8601, without an offset UTC) and
 * {@code source} ({@code user}, {@code agent} or {@code environment}) are kept when given. Text fields of another type
 * are not text, and are passed over. An event with no text is skipped.
 */
final class EventReading {

    /** Longest accepted event id. */
    static final int ID_MAX = 200;
    private static final Set<String> SOURCES = Set.of("user", "agent", "environment");
    private static final List<String> ACTION_FIELDS = List.of("command", "path", "message", "code");
    private static final List<String> V0_ARGS = List.of("content", "thought", "command", "path", "code");

    private EventReading() {
    }

    /** What reading an event gave: the event to keep, or that it has no text (skipped), or why it was refused. */
    record Read(ConversationEvent event, boolean skipped, String failure) {

        static Read kept(ConversationEvent event) {
            return new Read(event, false, null);
        }

        static Read skip() {
            return new Read(null, true, null);
        }

        static Read failed(String why) {
            return new Read(null, false, why);
        }
    }

    static Read read(JsonNode event) {
        if (!event.isObject()) {
            return Read.failed("Input should be an event object");
        }
        JsonNode idNode = event.get("id");
        String id;
        if (idNode == null || idNode.isNull()) {
            return Read.failed("id: Field required");
        } else if (idNode.isTextual() && !idNode.asText().isEmpty() && idNode.asText().length() <= ID_MAX) {
            id = idNode.asText();
        } else if (idNode.isIntegralNumber() && idNode.canConvertToLong()) {
            id = Long.toString(idNode.asLong());
        } else {
            return Read.failed("id: Input should be a string of 1 to " + ID_MAX + " characters, or an integer");
        }
        Instant timestamp = null;
        JsonNode time = event.get("timestamp");
        if (time != null && !time.isNull()) {
            if (!time.isTextual() || (timestamp = Timestamps.parse(time.asText()).orElse(null)) == null) {
                return Read.failed("timestamp: Input should be a valid datetime");
            }
        }
        String source = null;
        JsonNode from = event.get("source");
        if (from != null && !from.isNull()) {
            if (!from.isTextual() || !SOURCES.contains(from.asText())) {
                return Read.failed("source: Input should be 'user', 'agent' or 'environment'");
            }
            source = from.asText();
        }
        String kind;
        List<String> texts = new ArrayList<>();
        if (event.path("kind").isTextual()) {
            kind = event.get("kind").asText();
            v1Texts(kind, event, texts);
        } else if (event.path("action").isTextual()) {
            kind = event.get("action").asText();
            JsonNode args = event.path("args");
            V0_ARGS.forEach(field -> addText(args.get(field), texts));
        } else if (event.path("observation").isTextual()) {
            kind = event.get("observation").asText();
            addText(event.get("content"), texts);
        } else {
            return Read.failed("Not an OpenHands event: no kind (V1), action or observation (V0)");
        }
        String text = String.join("\n", texts).strip();
        return text.isEmpty() ? Read.skip() : Read.kept(new ConversationEvent(id, timestamp, source, kind, text));
    }

    private static void v1Texts(String kind, JsonNode event, List<String> texts) {
        switch (kind) {
            case "MessageEvent" -> addContent(event.path("llm_message").get("content"), texts);
            case "ActionEvent" -> {
                addContent(event.get("thought"), texts);
                JsonNode action = event.path("action");
                ACTION_FIELDS.forEach(field -> addText(action.get(field), texts));
            }
            case "ObservationEvent" -> {
                JsonNode observation = event.path("observation");
                JsonNode content = observation.get("content");
                if (content != null && (content.isTextual() || content.isArray())) {
                    addContent(content, texts);
                } else {
                    addText(observation.get("output"), texts);
                }
            }
            case "AgentErrorEvent" -> addText(event.get("error"), texts);
            case "UserRejectObservation" -> addText(event.get("rejection_reason"), texts);
            default -> {
                // other kinds hold no conversation text: skipped
            }
        }
    }

    /** A string, or the {@code text} of every {@code {"type": "text"}} item of a list. */
    private static void addContent(JsonNode content, List<String> texts) {
        if (content == null) {
            return;
        }
        if (content.isArray()) {
            for (JsonNode item : content) {
                if ("text".equals(item.path("type").asText(null))) {
                    addText(item.get("text"), texts);
                }
            }
        } else {
            addText(content, texts);
        }
    }

    private static void addText(JsonNode value, List<String> texts) {
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            texts.add(value.asText());
        }
    }
}
