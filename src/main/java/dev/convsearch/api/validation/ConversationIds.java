package dev.convsearch.api.validation;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rule of conversation ids: what OpenHands generates (32 hex) and any safe file name of up to 100 characters,
 * never ".." and never "count" (the count endpoint's path).
 */
public final class ConversationIds {

    /** The rule, in pydantic's words: the message of a 422. */
    public static final String RULE = "String should match pattern '^[A-Za-z0-9._-]{1,100}$', not contain '..' and not be 'count'";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private ConversationIds() {
    }

    /** Whether {@code id} may name a conversation (and so could exist). */
    public static boolean isValid(String id) {
        return id != null && ALLOWED.matcher(id).matches() && !id.contains("..") && !id.equals("count");
    }

    /** A new random id: 32 lowercase hex digits, as OpenHands makes them. */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
