package dev.convsearch.operations;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Settings that follow from others an operator sets: OpenTelemetry tracing is on only when an OTLP exporter endpoint is
 * configured ({@code quarkus.otel.sdk.disabled}), and CORS only when allowed origins are ({@code quarkus.http.cors
 * .enabled}). Ranks above application.properties and below environment variables, so
 * {@code QUARKUS_OTEL_SDK_DISABLED} and {@code QUARKUS_HTTP_CORS_ENABLED} still win.
 */
public class DerivedDefaults implements ConfigSourceFactory {

    static final int ORDINAL = 260;

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpoint = isSet(context.getValue("quarkus.otel.exporter.otlp.endpoint"))
                || isSet(context.getValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        boolean origins = isSet(context.getValue("quarkus.http.cors.origins"));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.otel.sdk.disabled", String.valueOf(!endpoint),
                "quarkus.http.cors.enabled", String.valueOf(origins)), "convsearch-derived-defaults", ORDINAL));
    }

    /** Set by the operator: defaults (such as the extension's localhost:4317) rank below zero and do not count. */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > 0;
    }
}
