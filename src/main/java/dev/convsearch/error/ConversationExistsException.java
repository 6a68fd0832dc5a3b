package dev.convsearch.error;

/** The caller already has a conversation with that id. */
public class ConversationExistsException extends RuntimeException {

    public ConversationExistsException() {
        super("Conversation already exists", null, false, false);
    }
}
