package dev.convsearch.domain;

import static dev.convsearch.domain.ConversationField.Write.CREATE;
import static dev.convsearch.domain.ConversationField.Write.IMPORT;
import static dev.convsearch.domain.ConversationField.Write.PATCH;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.ProviderType;
import dev.convsearch.api.RuntimeStatus;

/**
 * The table of a conversation's fields: for each, its name in JSON (wire) and in the stored document, its type, which
 * writes may set it (create, PATCH, import), whether it may be set to null, and how its value is read from a body that
 * passed validation ({@link NewConversation}, whose constraints are the field's rules) and normalised.
 * <p>
 * A new field is one entry here, plus its component in {@link NewConversation} (type and rules), its property in the
 * stored document and in the API's record. ConversationFieldTest checks that all of them agree.
 */
public enum ConversationField {

    /** The owner: never taken from a client, so no write sets it. */
    USER_ID("user_id", "user_id", String.class, null, Nulls.AS_ABSENT, UnaryOperator.identity()),
    CONVERSATION_ID("conversation_id", "conversation_id", String.class, NewConversation::conversationId, Nulls.AS_ABSENT,
            UnaryOperator.identity(), CREATE, IMPORT),
    /** Trimmed when written. */
    TITLE("title", "title", String.class, NewConversation::title, Nulls.AS_ABSENT, title -> ((String) title).strip(),
            CREATE, PATCH, IMPORT),
    SELECTED_REPOSITORY("selected_repository", "selected_repository", String.class,
            NewConversation::selectedRepository, Nulls.ALLOWED, UnaryOperator.identity(), CREATE, IMPORT),
    SELECTED_BRANCH("selected_branch", "selected_branch", String.class, NewConversation::selectedBranch, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    GIT_PROVIDER("git_provider", "git_provider", ProviderType.class, NewConversation::gitProvider, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    TRIGGER("trigger", "trigger", ConversationTrigger.class, NewConversation::trigger, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    STATUS("status", "status", ConversationStatus.class, NewConversation::status, Nulls.AS_ABSENT,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    RUNTIME_STATUS("runtime_status", "runtime_status", RuntimeStatus.class, NewConversation::runtimeStatus,
            Nulls.ALLOWED, UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    URL("url", "url", String.class, NewConversation::url, Nulls.ALLOWED, UnaryOperator.identity(), CREATE, PATCH,
            IMPORT),
    SESSION_API_KEY("session_api_key", "session_api_key", String.class, NewConversation::sessionApiKey, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    NUM_CONNECTIONS("num_connections", "num_connections", Integer.class, NewConversation::numConnections,
            Nulls.AS_ABSENT, UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    PR_NUMBER("pr_number", "pr_number", List.class, NewConversation::prNumber, Nulls.AS_ABSENT,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    CREATED_AT("created_at", "created_at", Instant.class, NewConversation::createdAt, Nulls.AS_ABSENT,
            UnaryOperator.identity(), CREATE, IMPORT),
    LAST_UPDATED_AT("last_updated_at", "last_updated_at", Instant.class, NewConversation::lastUpdatedAt,
            Nulls.AS_ABSENT, UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    /** Kept by {@link Tags#normalise}. */
    TAGS("tags", "tags", List.class, NewConversation::tags, Nulls.REFUSED, tags -> Tags.normalise((List<?>) tags),
            CREATE, PATCH, IMPORT),
    ARCHIVED("archived", "archived", Boolean.class, NewConversation::archived, Nulls.AS_ABSENT,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    /** Set when a conversation is created (an import sets it only then too), never changed after. */
    PARENT_CONVERSATION_ID("parent_conversation_id", "parent_conversation_id", String.class,
            NewConversation::parentConversationId, Nulls.ALLOWED, UnaryOperator.identity(), CREATE, IMPORT),
    /** The model, cost and token counts of OpenHands' metadata: returned by the V1 surface, in its metrics. */
    LLM_MODEL("llm_model", "llm_model", String.class, NewConversation::llmModel, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    ACCUMULATED_COST("accumulated_cost", "accumulated_cost", Double.class, NewConversation::accumulatedCost,
            Nulls.ALLOWED, UnaryOperator.identity(), CREATE, IMPORT),
    PROMPT_TOKENS("prompt_tokens", "prompt_tokens", Long.class, NewConversation::promptTokens, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    COMPLETION_TOKENS("completion_tokens", "completion_tokens", Long.class, NewConversation::completionTokens,
            Nulls.ALLOWED, UnaryOperator.identity(), CREATE, IMPORT),
    /**
     * What the OpenHands agent-server running the conversation last said its execution was ({@code idle},
     * {@code running}, {@code finished}, ...): written by the live feed only, returned by the V1 surface.
     */
    EXECUTION_STATUS("execution_status", "execution_status", String.class, null, Nulls.ALLOWED,
            UnaryOperator.identity());

    /** The writes that may set a field. */
    public enum Write {
        CREATE,
        PATCH,
        IMPORT
    }

    /** What a null given for the field means. */
    public enum Nulls {
        /** The field is set to null. */
        ALLOWED,
        /** As if the field were absent in a create or an import; a 422 in a PATCH. */
        AS_ABSENT,
        /** A 422 wherever it is given. */
        REFUSED
    }

    private static final Map<String, ConversationField> BY_WIRE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(ConversationField::wire, field -> field));

    private final String wire;
    private final String stored;
    private final Class<?> type;
    private final Function<NewConversation, Object> reader;
    private final Nulls nulls;
    private final UnaryOperator<Object> normaliser;
    private final Set<Write> writes;

    ConversationField(String wire, String stored, Class<?> type, Function<NewConversation, Object> reader, Nulls nulls,
            UnaryOperator<Object> normaliser, Write... writes) {
        this.wire = wire;
        this.stored = stored;
        this.type = type;
        this.reader = reader;
        this.nulls = nulls;
        this.normaliser = normaliser;
        this.writes = writes.length == 0 ? EnumSet.noneOf(Write.class) : EnumSet.of(writes[0], writes);
    }

    /** The field named {@code wire} in JSON, or null. */
    public static ConversationField byWire(String wire) {
        return BY_WIRE.get(wire);
    }

    /** The name in JSON bodies and responses. */
    public String wire() {
        return wire;
    }

    /** The name in the stored document. */
    public String stored() {
        return stored;
    }

    /** The Java type of its value (a list's elements are as its body component declares). */
    public Class<?> type() {
        return type;
    }

    /** Whether {@code write} may set it. */
    public boolean writableBy(Write write) {
        return writes.contains(write);
    }

    /** What a null given for it means. */
    public Nulls nulls() {
        return nulls;
    }

    /** Its value in a validated body, normalised as it is stored (null stays null). */
    public Object valueIn(NewConversation body) {
        Object value = reader == null ? null : reader.apply(body);
        return value == null ? null : normaliser.apply(value);
    }
}
