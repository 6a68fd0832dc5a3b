package dev.convsearch.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Empties Micrometer's global registry when the application stops. Quarkus registers the Vert.x pool gauges there,
 * and that registry outlives an application: when one JVM starts Quarkus again (as the tests do), the new pools'
 * gauges would meet the old ones, be refused ("This Gauge has been already registered") and report the old pools.
 */
@ApplicationScoped
public class GlobalMeters {

    void onStop(@Observes ShutdownEvent event) {
        Metrics.globalRegistry.getMeters().forEach(Metrics.globalRegistry::remove);
    }
}
