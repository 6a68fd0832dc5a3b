package dev.convsearch.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar) run as a real process, as a user runs it, for what only a
 * whole process shows: signals, crashes, restarts. Its output goes to a log file, shown when it fails to start and
 * deleted once it is killed.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String base;
    private final Path log;

    private PackagedService(Process process, String base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the service on a free port with {@code env} added to this process's environment. */
    public static PackagedService start(Map<String, String> env) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("convsearch-service", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "quarkus-run.jar")
                .directory(Path.of("target", "quarkus-app").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        return new PackagedService(builder.start(), "http://127.0.0.1:" + port, log);
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String base() {
        return base;
    }

    /** Waits until readiness is UP; fails with the service's log if it exits or takes longer than {@code timeout}. */
    public PackagedService awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (status("/q/health/ready", null) == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the service did not become ready; its log:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** The status of a GET of {@code path}, with the API key {@code key} when not null. */
    public int status(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-Session-API-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** SIGKILL: the process dies at once, as in a crash, an OOM kill or an eviction; its log is deleted. */
    public void kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        if (process.waitFor(10, TimeUnit.SECONDS)) {
            Files.deleteIfExists(log);
        }
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. */
    public void terminate() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to exit; whether it did. */
    public boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The process's exit status (it must have exited). */
    public int exitValue() {
        return process.exitValue();
    }

    /** What the service printed so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
