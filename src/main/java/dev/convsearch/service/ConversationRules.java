package dev.convsearch.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.Timestamps;
import dev.convsearch.api.WireEnum;
import dev.convsearch.error.ValidationError;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.repository.ConversationDocument;

/** The rules a conversation's fields obey, in one place for every way of writing one. */
public final class ConversationRules {

    /** Allowed conversation ids: what OpenHands generates (32 hex) and any safe file name of up to 100 characters. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    public static final String ID_RULE = "String should match pattern '^[A-Za-z0-9._-]{1,100}$', not contain '..' and not be 'count'";
    public static final int TITLE_MAX = 200;
    /** The longest accepted text field other than the title; keeps documents small. */
    public static final int TEXT_MAX = 2048;
    public static final int PR_NUMBERS_MAX = 1000;
    /** The fields PATCH may change. */
    public static final Set<String> PATCHABLE = Set.of("title", "selected_branch", "status", "runtime_status", "url",
            "session_api_key", "num_connections", "pr_number", "last_updated_at");
    /** The fields an import line may give (any others, such as OpenHands' llm_model, are ignored). */
    public static final Set<String> IMPORTABLE = Set.of("conversation_id", "title", "selected_repository",
            "selected_branch", "git_provider", "trigger", "status", "runtime_status", "url", "session_api_key",
            "num_connections", "pr_number", "created_at", "last_updated_at");
    /** The fields that never change after creation; naming one in a PATCH is a 422. */
    public static final Set<String> IMMUTABLE = Set.of("conversation_id", "created_at", "user_id",
            "selected_repository", "trigger", "git_provider");

    private ConversationRules() {
    }

    /** Whether {@code id} may name a conversation (and so could exist). */
    public static boolean isValidId(String id) {
        return id != null && ID_PATTERN.matcher(id).matches() && !id.contains("..") && !id.equals("count");
    }

    /** A new random id: 32 lowercase hex digits, as OpenHands makes them. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The title OpenHands gives a conversation that has none. */
    public static String defaultTitle(String conversationId) {
        return "Conversation " + conversationId.substring(0, Math.min(5, conversationId.length()));
    }

    /** The document {@code body} describes for {@code userId}, or a 422 naming every field that breaks a rule. */
    public static ConversationDocument newDocument(String userId, NewConversation body, Instant now) {
        ValidationErrors errors = new ValidationErrors();
        ConversationDocument doc = new ConversationDocument();
        doc.userId = userId;
        if (body.conversationId() == null) {
            doc.conversationId = newId();
        } else if (isValidId(body.conversationId())) {
            doc.conversationId = body.conversationId();
        } else {
            errors.add(ValidationError.body("conversation_id", ID_RULE, "string_pattern_mismatch"));
        }
        doc.title = body.title() == null ? null : title(body.title(), errors);
        doc.selectedRepository = text("selected_repository", body.selectedRepository(), errors);
        doc.selectedBranch = text("selected_branch", body.selectedBranch(), errors);
        doc.url = text("url", body.url(), errors);
        doc.sessionApiKey = text("session_api_key", body.sessionApiKey(), errors);
        doc.gitProvider = wire(body.gitProvider());
        doc.trigger = wire(body.trigger());
        doc.status = body.status() == null ? ConversationStatus.STOPPED.wire() : body.status().wire();
        doc.runtimeStatus = wire(body.runtimeStatus());
        doc.numConnections = numConnections(body.numConnections(), errors);
        doc.prNumber = prNumbers(body.prNumber(), errors);
        Instant createdAt = date("created_at", body.createdAt(), errors);
        Instant lastUpdatedAt = date("last_updated_at", body.lastUpdatedAt(), errors);
        errors.throwIfAny();
        if (doc.title == null) {
            doc.title = defaultTitle(doc.conversationId);
        }
        doc.createdAt = createdAt == null ? now : createdAt;
        doc.lastUpdatedAt = lastUpdatedAt == null ? doc.createdAt : lastUpdatedAt;
        doc.revisedAt = now;
        return doc;
    }

    /**
     * Which fields a PATCH body may change: a 422 for each field that is immutable or unknown. {@code fieldNames} are
     * the body's top-level names.
     */
    public static void checkPatchable(Iterable<String> fieldNames) {
        ValidationErrors errors = new ValidationErrors();
        for (String name : fieldNames) {
            if (IMMUTABLE.contains(name)) {
                errors.add(ValidationError.body(name, "Field cannot be changed", "extra_forbidden"));
            } else if (!PATCHABLE.contains(name)) {
                errors.add(ValidationError.body(name, "Extra inputs are not permitted", "extra_forbidden"));
            }
        }
        errors.throwIfAny();
    }

    /**
     * The changes of a PATCH whose body holds the fields {@code present}, as a partial document: only those fields
     * (and {@code last_updated_at}, which becomes {@code now} unless given) are set. Fields that cannot be null are
     * refused when null.
     */
    public static ConversationDocument patch(Set<String> present, NewConversation body, Instant now) {
        ValidationErrors errors = new ValidationErrors();
        ConversationDocument doc = new ConversationDocument();
        if (present.contains("title")) {
            doc.title = body.title() == null ? notNull("title", "Input should be a valid string", "string_type", errors)
                    : title(body.title(), errors);
        }
        doc.selectedBranch = text("selected_branch", body.selectedBranch(), errors);
        doc.url = text("url", body.url(), errors);
        doc.sessionApiKey = text("session_api_key", body.sessionApiKey(), errors);
        if (present.contains("status") && body.status() == null) {
            notNull("status", WireEnum.expectation(ConversationStatus.class), "enum", errors);
        }
        doc.status = wire(body.status());
        doc.runtimeStatus = wire(body.runtimeStatus());
        if (present.contains("num_connections") && body.numConnections() == null) {
            notNull("num_connections", "Input should be a valid integer", "int_type", errors);
        }
        doc.numConnections = body.numConnections() == null ? null : numConnections(body.numConnections(), errors);
        if (present.contains("pr_number") && body.prNumber() == null) {
            notNull("pr_number", "Input should be a valid list", "list_type", errors);
        }
        doc.prNumber = body.prNumber() == null ? null : prNumbers(body.prNumber(), errors);
        if (present.contains("last_updated_at") && body.lastUpdatedAt() == null) {
            notNull("last_updated_at", "Input should be a valid datetime", "datetime_type", errors);
        }
        Instant lastUpdatedAt = date("last_updated_at", body.lastUpdatedAt(), errors);
        errors.throwIfAny();
        doc.lastUpdatedAt = lastUpdatedAt == null ? now : lastUpdatedAt;
        doc.revisedAt = now;
        return doc;
    }

    /** A title trimmed and checked to 1..200 characters. */
    public static String title(String title, ValidationErrors errors) {
        String trimmed = title.strip();
        if (trimmed.isEmpty()) {
            errors.add(ValidationError.body("title", "String should have at least 1 character", "string_too_short"));
        } else if (trimmed.length() > TITLE_MAX) {
            errors.add(ValidationError.body("title", "String should have at most " + TITLE_MAX + " characters",
                    "string_too_long"));
        }
        return trimmed;
    }

    static String text(String field, String value, ValidationErrors errors) {
        if (value != null && value.length() > TEXT_MAX) {
            errors.add(ValidationError.body(field, "String should have at most " + TEXT_MAX + " characters",
                    "string_too_long"));
        }
        return value;
    }

    static Integer numConnections(Integer value, ValidationErrors errors) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            errors.add(ValidationError.body("num_connections", "Input should be greater than or equal to 0",
                    "greater_than_equal"));
        }
        return value;
    }

    static List<Integer> prNumbers(List<Integer> values, ValidationErrors errors) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > PR_NUMBERS_MAX) {
            errors.add(ValidationError.body("pr_number", "List should have at most " + PR_NUMBERS_MAX + " items",
                    "too_long"));
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                errors.add(new ValidationError(List.of("body", "pr_number", i), "Input should be a valid integer",
                        "int_type"));
            }
        }
        return new ArrayList<>(values);
    }

    /** A date-time field of a body, or null when absent; a 422 error when it is no ISO-8601 date-time. */
    public static Instant date(String field, String value, ValidationErrors errors) {
        if (value == null) {
            return null;
        }
        return Timestamps.parse(value).orElseGet(() -> {
            errors.add(ValidationError.body(field, "Input should be a valid datetime", "datetime_parsing"));
            return null;
        });
    }

    private static String notNull(String field, String msg, String type, ValidationErrors errors) {
        errors.add(ValidationError.body(field, msg, type));
        return null;
    }

    private static String wire(WireEnum value) {
        return value == null ? null : value.wire();
    }
}
