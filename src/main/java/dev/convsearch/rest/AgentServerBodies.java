package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.convsearch.api.ImportResult.LineFailure;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.Timestamps;
import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.domain.FeedUpdate;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.RequestValidationException;

/**
 * Reads what an OpenHands agent-server posts to its webhooks (software-agent-sdk, {@code WebhookSubscriber} and
 * {@code ConversationWebhookSubscriber}): a batch of events ({@code model_dump(mode="json")} of each) and a
 * {@code ConversationInfo}. Lenient where the agent-server could send it: an element of a batch that cannot be read is
 * counted and passed over, never a reason to refuse the batch (a refused batch blocks the conversation's feed); a field
 * of an info of the wrong type is not taken. Only a body that is not JSON, or an id that is no UUID, is a 422.
 */
final class AgentServerBodies {

    static final String STATE_UPDATE = "ConversationStateUpdateEvent";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern DASHED = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AgentServerBodies() {
    }

    /**
     * A batch of events: the events to keep (one per id, the last sent), what its state updates said (in order, the
     * later over the earlier), when its latest event happened (null when none says), how many were skipped (no text,
     * or a kind that holds none) and the elements that could not be read, by their index + 1.
     */
    record Batch(List<ConversationEvent> events, FeedUpdate state, Instant activityAt, int skipped,
            List<LineFailure> failed) {
    }

    /** The conversation id of a path or an info, a UUID dashed or as 32 hex digits, as 32 lowercase hex; else null. */
    static String conversationId(String uuid) {
        if (uuid == null) {
            return null;
        }
        String hex = DASHED.matcher(uuid).matches() ? uuid.replace("-", "") : uuid;
        return HEX.matcher(hex).matches() ? hex.toLowerCase(Locale.ROOT) : null;
    }

    /** The batch a JSON body holds: a list of events (or one event); a 422 when it is not JSON or neither. */
    static Batch ofEvents(InputStream body, ObjectMapper mapper) throws IOException {
        Map<String, ConversationEvent> kept = new LinkedHashMap<>();
        List<LineFailure> failed = new ArrayList<>();
        FeedUpdate state = FeedUpdate.NONE;
        Instant activityAt = null;
        int skipped = 0;
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            boolean list = first == JsonToken.START_ARRAY;
            if (!list && first != JsonToken.START_OBJECT) {
                throw new RequestValidationException(FastApiErrors.valueError(FastApiErrors.body(),
                        "Input should be a valid list"));
            }
            for (int line = 1; list ? parser.nextToken() != JsonToken.END_ARRAY : line == 1; line++) {
                JsonNode element = parser.readValueAsTree();
                if (element == null) {
                    element = NullNode.getInstance();
                }
                if (STATE_UPDATE.equals(element.path("kind").asText(null))) {
                    state = state.then(stateUpdate(element));
                }
                EventReading.Read read = EventReading.read(element);
                if (read.event() != null) {
                    ConversationEvent event = read.event();
                    kept.remove(event.eventId());
                    kept.put(event.eventId(), event);
                    if (event.timestamp() != null && (activityAt == null || event.timestamp().isAfter(activityAt))) {
                        activityAt = event.timestamp();
                    }
                } else if (read.skipped()) {
                    skipped++;
                } else {
                    failed.add(new LineFailure(line, read.failure()));
                }
            }
            if (parser.nextToken() != null) {
                throw new RequestValidationException(FastApiErrors.jsonInvalid());
            }
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(FastApiErrors.jsonInvalid());
        }
        return new Batch(List.copyOf(kept.values()), state, activityAt, skipped, List.copyOf(failed));
    }

    /** An agent-server's {@code ConversationInfo}: a 422 when it is not an object, or its id is no UUID. */
    static Info ofInfo(InputStream body, ObjectMapper mapper) throws IOException {
        JsonNode info;
        try {
            info = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RequestValidationException(FastApiErrors.jsonInvalid());
        }
        if (info == null || !info.isObject()) {
            throw new RequestValidationException(FastApiErrors.valueError(FastApiErrors.body(),
                    "Input should be a valid dictionary"));
        }
        JsonNode id = info.get("id");
        if (id == null || id.isNull()) {
            throw new RequestValidationException(FastApiErrors.missing(FastApiErrors.body("id")));
        }
        String conversationId = conversationId(id.isTextual() ? id.asText() : null);
        if (conversationId == null) {
            throw new RequestValidationException(FastApiErrors.uuidParsing(FastApiErrors.body("id")));
        }
        FeedUpdate update = new FeedUpdate(
                instant(info.get("updated_at")),
                instant(info.get("created_at")),
                text(info.get("title"), Integer.MAX_VALUE),
                text(info.get("execution_status"), NewConversation.TEXT_MAX),
                text(info.path("agent").path("llm").get("model"), NewConversation.TEXT_MAX),
                info.has("stats") ? usage(info.get("stats")) : snapshot(info.get("metrics")),
                conversationId(text(info.get("parent_conversation_id"), NewConversation.TEXT_MAX)),
                tags(info.get("tags")));
        return new Info(conversationId, update, "deleting".equals(update.executionStatus()));
    }

    /** A conversation info: whose, what it says, and whether it says the conversation is being deleted. */
    record Info(String conversationId, FeedUpdate update, boolean deleting) {
    }

    /**
     * What a {@code ConversationStateUpdateEvent} says: {@code key} names a field of the conversation's state
     * ({@code execution_status}, {@code stats}, {@code agent}) and {@code value} is its value, or {@code full_state}
     * and the whole state.
     */
    static FeedUpdate stateUpdate(JsonNode event) {
        String key = event.path("key").asText("");
        JsonNode value = event.get("value");
        return switch (key) {
            case "execution_status" ->
                new FeedUpdate(null, null, null, text(value, NewConversation.TEXT_MAX), null, null, null, null);
            case "stats" -> new FeedUpdate(null, null, null, null, null, usage(value), null, null);
            case "agent" -> new FeedUpdate(null, null, null, null, model(value), null, null, null);
            case "full_state" -> value == null ? FeedUpdate.NONE
                    : new FeedUpdate(null, null, null, text(value.get("execution_status"), NewConversation.TEXT_MAX),
                            model(value.get("agent")), usage(value.get("stats")), null, null);
            default -> FeedUpdate.NONE;
        };
    }

    /** The usage of every LLM of a conversation's {@code stats} ({@code usage_to_metrics}), summed; null if none. */
    private static FeedUpdate.Usage usage(JsonNode stats) {
        JsonNode usages = stats == null ? null : stats.get("usage_to_metrics");
        if (usages == null || !usages.isObject()) {
            return null;
        }
        double cost = 0;
        long prompt = 0;
        long completion = 0;
        for (JsonNode metrics : (Iterable<JsonNode>) usages::elements) {
            cost += number(metrics.get("accumulated_cost"));
            prompt += (long) number(metrics.path("accumulated_token_usage").get("prompt_tokens"));
            completion += (long) number(metrics.path("accumulated_token_usage").get("completion_tokens"));
        }
        return new FeedUpdate.Usage(cost, prompt, completion);
    }

    /** An info's {@code metrics} ({@code MetricsSnapshot}), when it has no {@code stats}; null if none. */
    private static FeedUpdate.Usage snapshot(JsonNode metrics) {
        if (metrics == null || !metrics.isObject()) {
            return null;
        }
        JsonNode tokens = metrics.path("accumulated_token_usage");
        return new FeedUpdate.Usage(number(metrics.get("accumulated_cost")),
                (long) number(tokens.get("prompt_tokens")), (long) number(tokens.get("completion_tokens")));
    }

    private static String model(JsonNode agent) {
        return agent == null ? null : text(agent.path("llm").get("model"), NewConversation.TEXT_MAX);
    }

    /** The SDK's key-value tags; null when not an object (its values that are not strings are left out). */
    private static Map<String, String> tags(JsonNode tags) {
        if (tags == null || !tags.isObject()) {
            return null;
        }
        Map<String, String> read = new LinkedHashMap<>();
        tags.fields().forEachRemaining(tag -> {
            if (tag.getValue().isTextual()) {
                read.put(tag.getKey(), tag.getValue().asText());
            }
        });
        return read;
    }

    /** A non-blank string of at most {@code max} characters, stripped; else null. */
    private static String text(JsonNode value, int max) {
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > max) {
            return null;
        }
        return value.asText().strip();
    }

    private static Instant instant(JsonNode value) {
        return value != null && value.isTextual() ? Timestamps.parse(value.asText()).orElse(null) : null;
    }

    /** A finite non-negative number, else 0. */
    private static double number(JsonNode value) {
        return value != null && value.isNumber() && Double.isFinite(value.asDouble()) && value.asDouble() >= 0
                ? value.asDouble()
                : 0;
    }
}
