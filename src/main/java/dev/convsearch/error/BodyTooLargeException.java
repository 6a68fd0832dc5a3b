package dev.convsearch.error;

/** A JSON body longer than the configured limit (413), or of undeclared length (411). */
public class BodyTooLargeException extends RuntimeException {

    private final boolean lengthMissing;

    private BodyTooLargeException(String detail, boolean lengthMissing) {
        super(detail, null, false, false);
        this.lengthMissing = lengthMissing;
    }

    /** A body whose declared length passes {@code max} bytes. */
    public static BodyTooLargeException over(long max) {
        return new BodyTooLargeException("Request body too large (at most " + max + " bytes)", false);
    }

    /** A body sent without a length (chunked), which a JSON endpoint does not read. */
    public static BodyTooLargeException lengthRequired() {
        return new BodyTooLargeException("Length Required: send JSON bodies with a Content-Length", true);
    }

    /** 411 when the length was missing, else 413. */
    public int status() {
        return lengthMissing ? 411 : 413;
    }
}
