package dev.convsearch.error;

/** The caller holds as many API keys as one user may. */
public class TooManyApiKeysException extends RuntimeException {

    public TooManyApiKeysException() {
        super("Too many API keys: revoke one first", null, false, false);
    }
}
