package dev.convsearch.error;

/** The conversation does not exist for the caller (it may exist for another user: that is never told). */
public class ConversationNotFoundException extends RuntimeException {

    public ConversationNotFoundException() {
        super("Conversation not found", null, false, false);
    }
}
