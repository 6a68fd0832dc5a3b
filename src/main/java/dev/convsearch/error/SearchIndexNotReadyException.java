package dev.convsearch.error;

/** The search index is still opening or catching up with MongoDB (at start): a search with q cannot be answered yet. */
public class SearchIndexNotReadyException extends RuntimeException {

    public SearchIndexNotReadyException() {
        super("The search index is catching up", null, false, false);
    }
}
