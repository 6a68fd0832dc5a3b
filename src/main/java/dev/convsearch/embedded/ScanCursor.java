package dev.convsearch.embedded;

import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A query's matches among every document of an embedded collection, read a batch at a time, in the order of their ids:
 * what MongoDB's cursor does, where mongo-java-server reads every match into memory at the query. A collection larger
 * than the heap (every kept text, read to build the search index anew) then stays on disk. Each batch starts after the
 * last id given, so a document written meanwhile is seen if its id comes later and not if it comes earlier, as MongoDB's
 * cursors hold no snapshot either; a document deleted meanwhile is not given.
 */
final class ScanCursor extends AbstractCursor {

    /** The most documents a batch holds, whatever the client asks, so that a batch stays small in memory. */
    static final int LARGEST_BATCH = 1000;

    private final KeyedH2Collection collection;
    private final Document query;
    /** The id of the last document given (null: none yet). */
    private Object last;
    private boolean more = true;

    ScanCursor(long id, KeyedH2Collection collection, Document query) {
        super(id);
        this.collection = collection;
        this.query = query;
    }

    @Override
    public boolean isEmpty() {
        return !more;
    }

    /** The next {@code count} matches ({@link #LARGEST_BATCH} at most; that many too when {@code count} is not positive). */
    @Override
    public synchronized List<Document> takeDocuments(int count) {
        if (!more) {
            return List.of();
        }
        int size = count <= 0 ? LARGEST_BATCH : Math.min(count, LARGEST_BATCH);
        KeyedH2Collection.Batch batch = collection.scan(last, query, size);
        last = batch.last();
        more = batch.more();
        return batch.documents();
    }
}
