package dev.convsearch.error;

/** The caller has no API key with that id (static keys from configuration have none). */
public class ApiKeyNotFoundException extends RuntimeException {

    public ApiKeyNotFoundException() {
        super("API key not found", null, false, false);
    }
}
