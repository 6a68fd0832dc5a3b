package dev.convsearch.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.error.BodyTooLargeException;

/**
 * Request body limits. The HTTP server's own limit ({@code quarkus.http.limits.max-body-size}) is sized for imports,
 * which stream; every other body is JSON read whole, so it is held to {@code convsearch.limits.max-json-body}: a larger
 * declared length is a 413, and a body of undeclared length (chunked) is a 411. Checked before the body is read.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String IMPORT_PATH = "/api/conversations/import";

    private final long maxJsonBody;

    public BodyLimits(ConvsearchConfig config) {
        this.maxJsonBody = config.limits().maxJsonBody().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.DELETE)
                || IMPORT_PATH.equals(request.getUriInfo().getPath())) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null && request.getHeaderString("Transfer-Encoding") != null) {
            throw BodyTooLargeException.lengthRequired();
        }
        if (length != null && exceeds(length)) {
            throw BodyTooLargeException.over(maxJsonBody);
        }
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.strip()) > maxJsonBody;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
