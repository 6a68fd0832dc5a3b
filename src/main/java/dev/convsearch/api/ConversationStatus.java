package dev.convsearch.api;

/** The conversation's lifecycle state (the spec's {@code ConversationStatus}). */
public enum ConversationStatus implements WireEnum {
    STARTING,
    RUNNING,
    STOPPED;

    @Override
    public String wire() {
        return name();
    }
}
