package dev.convsearch.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The API key a request presented. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
