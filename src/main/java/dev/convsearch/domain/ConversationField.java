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
    USER_ID("user_id", "user_id", String.class, null, Nulls.REFUSED, UnaryOperator.identity()),
    CONVERSATION_ID("conversation_id", "conversation_id", String.class, NewConversation::conversationId, Nulls.REFUSED,
            UnaryOperator.identity(), CREATE, IMPORT),
    /** Trimmed when written. */
    TITLE("title", "title", String.class, NewConversation::title, Nulls.REFUSED, title -> ((String) title).strip(),
            CREATE, PATCH, IMPORT),
    SELECTED_REPOSITORY("selected_repository", "selected_repository", String.class,
            NewConversation::selectedRepository, Nulls.ALLOWED, UnaryOperator.identity(), CREATE, IMPORT),
    SELECTED_BRANCH("selected_branch", "selected_branch", String.class, NewConversation::selectedBranch, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    GIT_PROVIDER("git_provider", "git_provider", ProviderType.class, NewConversation::gitProvider, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    TRIGGER("trigger", "trigger", ConversationTrigger.class, NewConversation::trigger, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, IMPORT),
    STATUS("status", "status", ConversationStatus.class, NewConversation::status, Nulls.REFUSED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    RUNTIME_STATUS("runtime_status", "runtime_status", RuntimeStatus.class, NewConversation::runtimeStatus,
            Nulls.ALLOWED, UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    URL("url", "url", String.class, NewConversation::url, Nulls.ALLOWED, UnaryOperator.identity(), CREATE, PATCH,
            IMPORT),
    SESSION_API_KEY("session_api_key", "session_api_key", String.class, NewConversation::sessionApiKey, Nulls.ALLOWED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    NUM_CONNECTIONS("num_connections", "num_connections", Integer.class, NewConversation::numConnections,
            Nulls.REFUSED, UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    PR_NUMBER("pr_number", "pr_number", List.class, NewConversation::prNumber, Nulls.REFUSED,
            UnaryOperator.identity(), CREATE, PATCH, IMPORT),
    CREATED_AT("created_at", "created_at", Instant.class, NewConversation::createdAt, Nulls.REFUSED,
            UnaryOperator.identity(), CREATE, IMPORT),
    LAST_UPDATED_AT("last_updated_at", "last_updated_at", Instant.class, NewConversation::lastUpdatedAt,
            Nulls.REFUSED, UnaryOperator.identity(), CREATE, PATCH, IMPORT);

    /** The writes that may set a field. */
    public enum Write {
        CREATE,
        PATCH,
        IMPORT
    }

    /**
     * Whether a client may set the field to null: if not, a null in a PATCH is a 422, and a null in a create or import
     * is as if the field were absent.
     */
    public enum Nulls {
        ALLOWED,
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

    /** Whether a client may set it to null. */
    public boolean nullable() {
        return nulls == Nulls.ALLOWED;
    }

    /** Its value in a validated body, normalised as it is stored (null stays null). */
    public Object valueIn(NewConversation body) {
        Object value = reader == null ? null : reader.apply(body);
        return value == null ? null : normaliser.apply(value);
    }
}
