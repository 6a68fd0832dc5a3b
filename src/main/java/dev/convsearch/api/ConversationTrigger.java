package dev.convsearch.api;

/** What started a conversation (the spec's {@code ConversationTrigger}). */
public enum ConversationTrigger implements WireEnum {
    RESOLVER("resolver"),
    GUI("gui"),
    SUGGESTED_TASK("suggested_task"),
    OPENHANDS_API("openhands_api"),
    SLACK("slack"),
    MICROAGENT_MANAGEMENT("microagent_management"),
    JIRA("jira"),
    JIRA_DC("jira_dc"),
    LINEAR("linear");

    private final String wire;

    ConversationTrigger(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
