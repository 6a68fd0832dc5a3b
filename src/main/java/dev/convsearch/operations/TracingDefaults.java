package dev.convsearch.operations;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Turns OpenTelemetry tracing on only when an OTLP exporter endpoint is configured: sets
 * {@code quarkus.otel.sdk.disabled} from the presence of {@code quarkus.otel.exporter.otlp[.traces].endpoint}. Ranks
 * above application.properties and below environment variables, so {@code QUARKUS_OTEL_SDK_DISABLED} still wins.
 */
public class TracingDefaults implements ConfigSourceFactory {

    static final int ORDINAL = 260;

    @Override
    public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean endpoint = isSet(context.getValue("quarkus.otel.exporter.otlp.endpoint"))
                || isSet(context.getValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        return List.of(new PropertiesConfigSource(Map.of("quarkus.otel.sdk.disabled", String.valueOf(!endpoint)),
                "convsearch-tracing-defaults", ORDINAL));
    }

    /** Set by the operator: defaults (the extension's localhost:4317) rank below zero and do not count. */
    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > 0;
    }
}
