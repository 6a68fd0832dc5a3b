package dev.convsearch.repository;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;

/** What a MongoDB write failure means, in one place. */
public final class MongoErrors {

    private MongoErrors() {
    }

    /** Whether a write failed only because a unique index already holds its key (every write of a bulk, too). */
    public static boolean isDuplicateKey(Throwable failure) {
        if (failure instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return failure instanceof MongoBulkWriteException bulk && !bulk.getWriteErrors().isEmpty()
                && bulk.getWriteErrors().stream()
                        .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }
}
