package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.arc.profile.UnlessBuildProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the OpenAPI document as stored in {@code src/main/resources/openapi}, the way SmallRye OpenAPI serves it:
 * {@code /q/openapi} in YAML, or in JSON for {@code ?format=json} or {@code Accept: application/json};
 * {@code /q/openapi.json}, {@code .yaml} and {@code .yml}. SmallRye OpenAPI runs in the tests only, where it makes the
 * document from the resources' annotations and {@code StoredOpenApiDocumentTest} fails when the stored one differs:
 * making it at every start cost about 85 ms (BENCHMARKS.md). The bytes are read on the first request.
 */
@Singleton
@UnlessBuildProfile("test")
public class StoredOpenApiDocument {

    static final String PATH = "/q/openapi";
    static final String STORED = "/openapi/openapi";
    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml";

    void register(@Observes Router router) {
        for (String path : List.of(PATH, PATH + ".json", PATH + ".yaml", PATH + ".yml")) {
            router.route(path).handler(this::serve);
        }
    }

    private void serve(RoutingContext context) {
        if (context.request().method() == HttpMethod.OPTIONS) {
            context.response().putHeader("Allow", "GET, HEAD, OPTIONS");
            context.next();
            return;
        }
        boolean json = wantsJson(context);
        context.response().putHeader("Content-Type", (json ? JSON : YAML) + ";charset=UTF-8")
                .end(Buffer.buffer(json ? Documents.JSON : Documents.YAML));
    }

    private static boolean wantsJson(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        String accept = context.request().getHeader("Accept");
        List<String> format = context.queryParam("format");
        return accept != null && accept.contains(JSON) || !format.isEmpty() && "json".equalsIgnoreCase(format.get(0));
    }

    /** Read when first asked for (the holder idiom: a class is initialised on first use). */
    private static final class Documents {

        static final byte[] JSON = read(STORED + ".json");
        static final byte[] YAML = read(STORED + ".yaml");

        private static byte[] read(String resource) {
            try (InputStream in = StoredOpenApiDocument.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The OpenAPI document " + resource + " is not in the build");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
