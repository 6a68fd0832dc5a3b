package dev.convsearch.service;

import static dev.convsearch.domain.ConversationField.CONVERSATION_ID;
import static dev.convsearch.domain.ConversationField.CREATED_AT;
import static dev.convsearch.domain.ConversationField.LAST_UPDATED_AT;
import static dev.convsearch.domain.ConversationField.NUM_CONNECTIONS;
import static dev.convsearch.domain.ConversationField.PR_NUMBER;
import static dev.convsearch.domain.ConversationField.STATUS;
import static dev.convsearch.domain.ConversationField.TITLE;

import java.time.Instant;
import java.util.List;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.validation.ConversationIds;
import dev.convsearch.domain.ConversationChange;

/** What a new conversation holds where its creator gave nothing, as OpenHands defaults it. */
final class ConversationDefaults {

    private ConversationDefaults() {
    }

    /**
     * The defaults of a new conversation created with {@code given} at {@code now}: a generated id, the title
     * "Conversation " + the id's first 5 characters, STOPPED, no connections, no pull requests, created now, last
     * updated when created. (No tags, not archived and no parent are not stored at all: every read takes a missing
     * field as those, and a smaller document is cheaper to read.)
     */
    static ConversationChange of(ConversationChange given, Instant now) {
        String id = given.get(CONVERSATION_ID) instanceof String givenId ? givenId : ConversationIds.newId();
        Instant createdAt = given.get(CREATED_AT) instanceof Instant at ? at : now;
        return ConversationChange.none()
                .with(CONVERSATION_ID, id)
                .with(TITLE, "Conversation " + id.substring(0, Math.min(5, id.length())))
                .with(STATUS, ConversationStatus.STOPPED)
                .with(NUM_CONNECTIONS, 0)
                .with(PR_NUMBER, List.of())
                .with(CREATED_AT, createdAt)
                .with(LAST_UPDATED_AT, createdAt);
    }
}
