package dev.convsearch.rest;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.convsearch.config.ConvsearchConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Request body limits. The HTTP server's own limit ({@code quarkus.http.limits.max-body-size}) is sized for imports,
 * which stream; every other body is JSON read whole, so it is held to {@code convsearch.limits.max-json-body}: a larger
 * declared length is a 413, and a body of undeclared length (chunked) is a 411.
 */
@Singleton
public class BodyLimits {

    private static final String IMPORT_PATH = "/api/conversations/import";
    private static final int PRIORITY = 1000;

    private final long maxJsonBody;

    public BodyLimits(ConvsearchConfig config) {
        this.maxJsonBody = config.limits().maxJsonBody().asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.DELETE
                || IMPORT_PATH.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            reject(context, 411, "Length Required: send JSON bodies with a Content-Length");
            return;
        }
        if (length != null && exceeds(length)) {
            reject(context, 413, "Request body too large (at most " + maxJsonBody + " bytes)");
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.strip()) > maxJsonBody;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void reject(RoutingContext context, int status, String detail) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"detail\":\"" + detail + "\"}");
    }
}
