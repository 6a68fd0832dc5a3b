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
 * which stream; a body of events is held to {@code convsearch.limits.max-events-body}, one posted to the live feed's
 * webhooks to {@code convsearch.limits.max-webhook-body}, and every other body, JSON read
 * whole, to {@code convsearch.limits.max-json-body}: a larger declared length is a 413, and a body of undeclared length
 * (chunked) is a 411. Checked before the body is read.
 */
@ApplicationScoped
public class BodyLimits {

    private static final String IMPORT_PATH = "/api/conversations/import";

    private static final String CONVERSATIONS_PATH = "/api/conversations/";
    private static final String EVENTS_PATH = "/events";
    private static final String WEBHOOKS_PATH = "/api/v1/webhooks/";

    private final long maxJsonBody;
    private final long maxEventsBody;
    private final long maxWebhookBody;

    public BodyLimits(ConvsearchConfig config) {
        this.maxJsonBody = config.limits().maxJsonBody().asLongValue();
        this.maxEventsBody = config.limits().maxEventsBody().asLongValue();
        this.maxWebhookBody = config.limits().maxWebhookBody().asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.DELETE)
                || IMPORT_PATH.equals(path)) {
            return;
        }
        long max = path.startsWith(WEBHOOKS_PATH) ? maxWebhookBody
                : path.startsWith(CONVERSATIONS_PATH) && path.endsWith(EVENTS_PATH) ? maxEventsBody : maxJsonBody;
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null && request.getHeaderString("Transfer-Encoding") != null) {
            throw BodyTooLargeException.lengthRequired();
        }
        if (length != null && exceeds(length, max)) {
            throw BodyTooLargeException.over(max);
        }
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
