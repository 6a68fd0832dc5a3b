package dev.convsearch.security;

import java.util.List;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The API keys a request presented: one, or two when it carried both headers. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final List<String> keys;

    public ApiKeyAuthenticationRequest(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<String> keys() {
        return keys;
    }
}
