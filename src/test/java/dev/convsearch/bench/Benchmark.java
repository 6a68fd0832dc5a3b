package dev.convsearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import dev.convsearch.security.ApiKeys;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * The benchmark of scripts/bench.sh. Seeds conversations over several users through the service's import, then drives
 * each scenario at each concurrency for a fixed time (closed loop, keep-alive connections, users rotated), and prints
 * requests/s, latency percentiles, errors and the service's CPU time per request (utime+stime of its process over the
 * window). Baselines in the same run: (a) the MongoDB driver alone running the search's own find, with this process's
 * CPU per query; (b) the HTTP ceiling, a fixed body of the same size from the service without database or key.
 */
public final class Benchmark {

    record Result(String scenario, int concurrency, long requests, double seconds, long errors, Histogram latency,
            double cpuMillisPerRequest, String cpuOf) {
    }

    /** One kind of request: given a virtual user's state, starts a request and calls back with success or not. */
    interface Scenario {
        void run(VirtualUser user, Consumer<Boolean> done);
    }

    /** A closed-loop client: its user (key), and for the walk, the cursor it is at. */
    static final class VirtualUser {
        final int user;
        String cursor;
        int created;

        VirtualUser(int user) {
            this.user = user;
        }
    }

    private final String base;
    private final int port;
    private final long servicePid;
    private final int users;
    private final int perUser;
    private final Duration duration;
    private final Duration warmup;
    private final String mongoUri;
    private final Vertx vertx = Vertx.vertx();
    private HttpClient http;
    private final List<Result> results = new ArrayList<>();

    Benchmark(Map<String, String> args) {
        this.port = Integer.parseInt(args.getOrDefault("port", "18090"));
        this.base = "http://127.0.0.1:" + port;
        this.servicePid = Long.parseLong(args.get("pid"));
        this.users = Integer.parseInt(args.getOrDefault("users", "10"));
        this.perUser = Integer.parseInt(args.getOrDefault("conversations", "500")) / users;
        this.duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "10")));
        this.warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "5")));
        this.mongoUri = args.get("mongo");
    }

    static String key(int user) {
        return "cs_bench_user_" + user;
    }

    /** The static-keys setting for the service: every bench user's key hash. */
    static String staticKeys(int users) {
        StringBuilder setting = new StringBuilder();
        for (int u = 0; u < users; u++) {
            setting.append(u == 0 ? "" : ",").append("bench-").append(u).append(':').append(ApiKeys.sha256Hex(key(u)));
        }
        return setting.toString();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        if (args.containsKey("print-static-keys")) {
            System.out.println(staticKeys(Integer.parseInt(args.getOrDefault("users", "10"))));
            return;
        }
        Benchmark bench = new Benchmark(args);
        try {
            bench.run(args);
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    void run(Map<String, String> args) throws Exception {
        List<Integer> concurrencies = new ArrayList<>();
        for (String c : args.getOrDefault("concurrency", "16,64").split(",")) {
            concurrencies.add(Integer.parseInt(c.strip()));
        }
        int maxConcurrency = concurrencies.stream().max(Integer::compare).orElse(16);
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(maxConcurrency));
        seed();
        Map<String, Scenario> scenarios = scenarios();
        List<String> only = args.containsKey("scenarios") ? List.of(args.get("scenarios").split(",")) : null;
        System.out.printf("seeded %d conversations over %d users; %d s per scenario after %d s warm-up%n",
                perUser * users, users, duration.toSeconds(), warmup.toSeconds());
        // one unmeasured pass over the read scenarios and the driver first, so that no measured one pays for the JIT
        driverAlone(maxConcurrency);
        for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
            if (!scenario.getKey().equals("create")) {
                loop(scenario.getValue(), maxConcurrency, warmup, new Histogram(3_600_000_000L, 3), new AtomicLong(),
                        new AtomicLong());
            }
        }
        for (int concurrency : concurrencies) {
            if (only == null || only.contains("driver-alone")) {
                results.add(driverAlone(concurrency));
            }
            for (Map.Entry<String, Scenario> scenario : scenarios.entrySet()) {
                if (only == null || only.contains(scenario.getKey())) {
                    results.add(drive(scenario.getKey(), scenario.getValue(), concurrency));
                }
            }
            removeCreated();
        }
        print();
        if (args.containsKey("soak")) {
            soak(Long.parseLong(args.get("soak")), maxConcurrency, scenarios.get("search"));
        }
    }

    private Map<String, Scenario> scenarios() {
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("search", (u, done) -> get("/api/conversations", u, done));
        // the OpenHands V1 surface's search with the page size of "search" (its own default is 100, not 20): the same
        // query, a larger item (metrics, sandbox fields)
        scenarios.put("v1-search", (u, done) -> get("/api/v1/app-conversations/search?limit=20", u, done));
        scenarios.put("filtered", (u, done) -> get("/api/conversations?selected_repository=acme/repo-" + (u.user % 5)
                + "&conversation_trigger=gui", u, done));
        scenarios.put("walk", (u, done) -> {
            String path = "/api/conversations" + (u.cursor == null ? "" : "?page_id=" + u.cursor);
            send(HttpMethod.GET, path, u, null, body -> {
                String next = new JsonObject(body).getString("next_page_id");
                u.cursor = next;
            }, done);
        });
        scenarios.put("title", (u, done) -> get("/api/conversations?title__contains=fix", u, done));
        scenarios.put("count", (u, done) -> get("/api/conversations/count", u, done));
        scenarios.put("get-one", (u, done) -> get("/api/conversations/bench-"
                + ThreadLocalRandom.current().nextInt(perUser), u, done));
        scenarios.put("http-ceiling", (u, done) -> send(HttpMethod.GET, "/bench/ceiling", null, null, body -> {
        }, done));
        // last: what it creates is removed after each round, so that no read scenario scans a larger collection
        scenarios.put("create", (u, done) -> send(HttpMethod.POST, "/api/conversations", u,
                "{\"conversation_id\":\"new-" + u.hashCode() + "-" + (u.created++) + "\",\"title\":\"Created\"}",
                body -> {
                }, done));
        return scenarios;
    }

    private void get(String path, VirtualUser user, Consumer<Boolean> done) {
        send(HttpMethod.GET, path, user, null, body -> {
        }, done);
    }

    private void send(HttpMethod method, String path, VirtualUser user, String body, Consumer<Buffer> onBody,
            Consumer<Boolean> done) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(path);
        if (user != null) {
            options.addHeader("X-Session-API-Key", key(user.user));
        }
        if (body != null) {
            options.addHeader("Content-Type", "application/json");
        }
        http.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(buffer -> {
                    boolean ok = response.statusCode() < 300;
                    if (ok) {
                        onBody.accept(buffer);
                    }
                    return ok;
                }))
                .onComplete(result -> done.accept(result.succeeded() && result.result()));
    }

    /** Imports {@code perUser} conversations for every user: repositories, triggers, titles and times vary. */
    private void seed() throws Exception {
        String[] triggers = { "gui", "resolver", "slack", "openhands_api" };
        String[] words = { "Fix the build", "Add search", "Refactor parser", "fix flaky test", "Upgrade deps" };
        for (int u = 0; u < users; u++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < perUser; i++) {
                lines.append(String.format(Locale.ROOT, "{\"conversation_id\":\"bench-%d\",\"title\":\"%s %d\","
                        + "\"selected_repository\":\"acme/repo-%d\",\"trigger\":\"%s\",\"created_at\":"
                        + "\"2025-01-01T00:%02d:00Z\",\"last_updated_at\":\"2025-02-01T%02d:00:00Z\"}\n", i,
                        words[i % words.length], i, i % 5, triggers[i % triggers.length], i % 60, i % 24));
            }
            CompletableFuture<Integer> status = new CompletableFuture<>();
            http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/conversations/import")
                    .addHeader("X-Session-API-Key", key(u)).addHeader("Content-Type", "application/x-ndjson"))
                    .compose(request -> request.send(lines.toString()))
                    .onComplete(r -> status.complete(r.succeeded() ? r.result().statusCode() : -1));
            if (status.get(60, TimeUnit.SECONDS) != 200) {
                throw new IllegalStateException("seeding user " + u + " failed");
            }
        }
    }

    /** Runs a scenario with {@code concurrency} closed-loop users: a warm-up, then the measured window. */
    private Result drive(String name, Scenario scenario, int concurrency) throws Exception {
        return measure(name, scenario, concurrency, servicePid, "service");
    }

    /** A warm-up, then the measured window, with the CPU time of process {@code pid} over it. */
    private Result measure(String name, Scenario scenario, int concurrency, long pid, String cpuOf) throws Exception {
        loop(scenario, concurrency, warmup, new Histogram(3_600_000_000L, 3), new AtomicLong(), new AtomicLong());
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long cpuBefore = processCpuMillis(pid);
        long start = System.nanoTime();
        loop(scenario, concurrency, duration, latency, requests, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = processCpuMillis(pid) - cpuBefore;
        return new Result(name, concurrency, requests.get(), seconds, errors.get(), latency,
                requests.get() == 0 ? 0 : (double) cpu / requests.get(), cpuOf);
    }

    private void loop(Scenario scenario, int concurrency, Duration length, Histogram latency, AtomicLong requests,
            AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            VirtualUser user = new VirtualUser(c % users);
            vertx.runOnContext(v -> next(scenario, user, end, latency, requests, errors, finished));
        }
        finished.await(length.toSeconds() + 60, TimeUnit.SECONDS);
    }

    private void next(Scenario scenario, VirtualUser user, long end, Histogram latency, AtomicLong requests,
            AtomicLong errors, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long start = System.nanoTime();
        scenario.run(user, ok -> {
            synchronized (latency) {
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            }
            requests.incrementAndGet();
            if (!ok) {
                errors.incrementAndGet();
            }
            next(scenario, user, end, latency, requests, errors, finished);
        });
    }

    /**
     * Baseline (a): the driver alone runs the default search's find (the user's conversations by last_updated_at and
     * id, descending, 21 documents) at the same concurrency, without HTTP; CPU is this process's.
     */
    private Result driverAlone(int concurrency) throws Exception {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection = client.getDatabase("convsearch").getCollection("conversations");
            Scenario find = (user, done) -> drain(collection
                    .find(new Document("user_id", "bench-" + user.user))
                    .sort(new Document("last_updated_at", -1).append("conversation_id", -1))
                    .limit(21), done);
            return measure("driver-alone", find, concurrency, ProcessHandle.current().pid(), "client");
        }
    }

    /** Deletes what the create scenario made (their ids start with "new-"). */
    private void removeCreated() throws Exception {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            CompletableFuture<Boolean> deleted = new CompletableFuture<>();
            drain(client.getDatabase("convsearch").getCollection("conversations")
                    .deleteMany(new Document("conversation_id", new Document("$regex", "^new-"))), deleted::complete);
            if (!deleted.get(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not delete the created conversations");
            }
        }
    }

    /** Reads everything {@code publisher} emits and says whether it completed without error. */
    private static <T> void drain(Publisher<T> publisher, Consumer<Boolean> done) {
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
            }

            @Override
            public void onError(Throwable t) {
                done.accept(false);
            }

            @Override
            public void onComplete() {
                done.accept(true);
            }
        });
    }

    /** Default search for {@code seconds} at the highest concurrency, then the service's resident memory. */
    private void soak(long seconds, int concurrency, Scenario search) throws Exception {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        loop(search, concurrency, Duration.ofSeconds(seconds), latency, requests, errors);
        System.out.printf("soak: %d s of default search at concurrency %d: %d requests, %d errors, service RSS %d MB%n",
                seconds, concurrency, requests.get(), errors.get(), rssKb(servicePid) / 1024);
    }

    private void print() {
        System.out.printf("%n| scenario | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | CPU ms/req |%n");
        System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %d | %.3f (%s) |%n",
                    r.scenario(), r.concurrency(), r.requests() / r.seconds(), r.latency().getValueAtPercentile(50) / 1e3,
                    r.latency().getValueAtPercentile(90) / 1e3, r.latency().getValueAtPercentile(99) / 1e3,
                    r.latency().getMaxValue() / 1e3, r.errors(), r.cpuMillisPerRequest(), r.cpuOf());
        }
        for (int concurrency : results.stream().map(Result::concurrency).distinct().toList()) {
            Result driver = find("driver-alone", concurrency);
            Result search = find("search", concurrency);
            if (driver != null && search != null) {
                System.out.printf(Locale.ROOT, "c=%d: service CPU per search / driver client CPU per query = %.2f; "
                        + "search throughput / driver throughput = %.2f; search p99/p50 = %.2f%n", concurrency,
                        search.cpuMillisPerRequest() / driver.cpuMillisPerRequest(),
                        (search.requests() / search.seconds()) / (driver.requests() / driver.seconds()),
                        (double) search.latency().getValueAtPercentile(99) / search.latency().getValueAtPercentile(50));
            }
        }
        System.out.println("date " + new Date());
    }

    private Result find(String scenario, int concurrency) {
        return results.stream().filter(r -> r.scenario().equals(scenario) && r.concurrency() == concurrency)
                .findFirst().orElse(null);
    }

    /** utime + stime of a process, in milliseconds (Linux /proc; clock ticks of 10 ms). */
    static long processCpuMillis(long pid) throws IOException {
        return cpuMillis(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"), StandardCharsets.US_ASCII));
    }

    /** The user and system CPU time in a {@code /proc/.../stat} line (of a process or a thread), in ms. */
    private static long cpuMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /**
     * The CPU time of the process's JIT compiler threads (HotSpot's {@code C1/C2 CompilerThread}s): how much of its CPU
     * went to compiling rather than serving.
     */
    static long compilerCpuMillis(long pid) throws IOException {
        long millis = 0;
        try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        millis += cpuMillis(stat);
                    }
                } catch (IOException ended) {
                    // a thread that ended while listed
                }
            }
        }
        return millis;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

}
