package dev.convsearch.service;

import dev.convsearch.domain.ConversationChange;

/** One line of an import: its 1-based number, and the change it asks for or why it cannot be imported. */
public record ImportLine(int number, ConversationChange change, String failure) {

    public static ImportLine of(int number, ConversationChange change) {
        return new ImportLine(number, change, null);
    }

    public static ImportLine failed(int number, String detail) {
        return new ImportLine(number, null, detail);
    }

    public boolean ok() {
        return failure == null;
    }
}
