package dev.convsearch.operations;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the client's {@code X-Request-ID} when it is a sane token, else a new UUID. The id is
 * echoed in the response and put in the logging context ({@code request_id}), so every log line of the request carries
 * it (JSON logs as a field, plain logs in the format).
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-ID";
    public static final String MDC_KEY = "request_id";
    /** Ids a client may choose: no spaces or control characters to forge log lines with, and not too long. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");
    private static final int PRIORITY = 2000;

    void register(@Observes Filters filters) {
        filters.register(this::tag, PRIORITY);
    }

    private void tag(RoutingContext context) {
        String id = context.request().getHeader(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        MDC.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
