package dev.convsearch.error;

/** A request that carries more events than one request may (413): send them in several. */
public class TooManyEventsException extends RuntimeException {

    public TooManyEventsException(int max) {
        super("Request body too large (at most " + max + " events a request)", null, false, false);
    }
}
