package dev.convsearch.operations;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;

/**
 * The JVM and system meters ({@code jvm_*}, {@code process_*}, {@code system_*}): the binders Quarkus binds when
 * {@code quarkus.micrometer.binder.jvm} and {@code .system} are on, bound here on the first scrape of
 * {@code /q/metrics} instead of at start, where they cost about 25 ms of every cold start (BENCHMARKS.md) for meters
 * nobody reads before the first scrape. The gauges read the JVM when scraped, so they are whole from the first scrape;
 * GC pauses are counted from then on.
 */
@Singleton
public class JvmMeters {

    static final String METRICS_PATH = "/q/metrics";

    private final MeterRegistry registry;
    private final AtomicBoolean bound = new AtomicBoolean();
    private volatile List<MeterBinder> binders = List.of();

    public JvmMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void register(@Observes Router router) {
        bindBeforeScrapes(router);
    }

    /** Where /q/metrics is when the management interface is on (quarkus.management.enabled). */
    void register(@Observes ManagementInterface management) {
        bindBeforeScrapes(management.router());
    }

    /** On a worker thread: binding reads the JVM's management beans, tens of milliseconds the first time. */
    private void bindBeforeScrapes(Router router) {
        router.route(METRICS_PATH).order(Integer.MIN_VALUE).blockingHandler(context -> {
            bindOnce();
            context.next();
        }, false);
    }

    /** Binds the meters, once. */
    void bindOnce() {
        if (bound.compareAndSet(false, true)) {
            binders = List.of(new ClassLoaderMetrics(), new JvmHeapPressureMetrics(), new JvmMemoryMetrics(),
                    new JvmThreadMetrics(), new JVMInfoBinder(), new JvmGcMetrics(), new UptimeMetrics(),
                    new ProcessorMetrics(), new FileDescriptorMetrics());
            binders.forEach(binder -> binder.bindTo(registry));
        }
    }

    void onStop(@Observes ShutdownEvent event) throws Exception {
        for (MeterBinder binder : binders) {
            if (binder instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
