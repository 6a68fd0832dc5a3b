package dev.convsearch.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.apache.lucene.util.IOUtils;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.search.LuceneAlone;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * The benchmark of search inside conversations (scripts/content-bench.sh): users × conversations × events of text made
 * by {@link EventTextGenerator} from a fixed seed, loaded through the service's own endpoints (events ingested by one
 * client, then by sixteen), then searches with q of one, two and three words and a phrase at a fixed concurrency,
 * beside "Lucene alone" (the same searches on the same index folder in this process: {@link LuceneAlone}). Prints the
 * figures: events/s, the index's size against the kept text, latencies and CPU per query.
 */
public final class ContentBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The row of every kind of query taken in turn ({@link #mixed}), which the JIT warm-up uses too. */
    private static final String MIXED = "every kind mixed";
    private static final String SENTENCE = "a sentence (6 to 10 words)";

    private final int port;
    private final long servicePid;
    private final int users;
    private final int perUser;
    private final int eventsPer;
    private final int eventBytes;
    private final int concurrency;
    private final Duration duration;
    private final Duration warmup;
    /** The unmeasured mix of every kind of search before the first measured one: see {@link #warmUpTheJit}. */
    private final Duration jitWarmup;
    private final Path indexFolder;
    private final long seed;
    /** Events a second posted while the searches run (0: none), as agent-servers feed running conversations. */
    private final int trickle;
    private final Vertx vertx = Vertx.vertx();
    private final List<String> report = new ArrayList<>();
    private HttpClient http;
    private long keptTextBytes;

    ContentBenchmark(Map<String, String> args) {
        port = Integer.parseInt(args.getOrDefault("port", "18091"));
        servicePid = Long.parseLong(args.get("pid"));
        users = Integer.parseInt(args.getOrDefault("users", "10"));
        perUser = Integer.parseInt(args.getOrDefault("conversations", "500"));
        eventsPer = Integer.parseInt(args.getOrDefault("events", "40"));
        eventBytes = Integer.parseInt(args.getOrDefault("event-bytes", "500"));
        concurrency = Integer.parseInt(args.getOrDefault("concurrency", "16"));
        duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "10")));
        warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "5")));
        jitWarmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("jit-warmup", "60")));
        indexFolder = Path.of(args.get("index"));
        seed = Long.parseLong(args.getOrDefault("seed", "23"));
        trickle = Integer.parseInt(args.getOrDefault("trickle", "0"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        ContentBenchmark bench = new ContentBenchmark(args);
        try {
            bench.run(args.containsKey("search-only"), Integer.parseInt(args.getOrDefault("resend", "0")));
        } finally {
            bench.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** Loads and searches; only searches ({@code searchOnly}); or only sends {@code resend} events again. */
    void run(boolean searchOnly, int resend) throws Exception {
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(Math.max(16, concurrency)));
        if (resend > 0) {
            resend(resend);
            return;
        }
        if (!searchOnly) {
            load();
        }
        search();
        report.forEach(System.out::println);
        System.out.println("date " + new Date());
    }

    /** The conversations, then their events: the first tenth by one client, the rest by sixteen. */
    private void load() throws Exception {
        List<LuceneAlone.Conversation> corpus = corpus(seed);
        for (int u = 0; u < users; u++) {
            StringBuilder lines = new StringBuilder();
            for (int c = 0; c < perUser; c++) {
                lines.append(JSON.writeValueAsString(Map.of("conversation_id", conversation(c), "title",
                        corpus.get(u * perUser + c).title(),
                        "selected_repository", "acme/repo-" + (c % 5), "created_at",
                        String.format(Locale.ROOT, "2025-0%d-%02dT%02d:00:00Z", 1 + c % 9, 1 + c % 28, c % 24))))
                        .append('\n');
            }
            int status = send(HttpMethod.POST, "/api/conversations/import", u, "application/x-ndjson",
                    lines.toString()).get(120, TimeUnit.SECONDS);
            if (status != 200) {
                throw new IllegalStateException("importing user " + u + ": " + status);
            }
        }
        ConcurrentLinkedQueue<int[]> work = new ConcurrentLinkedQueue<>();
        List<String> bodies = new ArrayList<>();
        eventBodies(corpus, work, bodies);
        int single = work.size() / 10;
        System.err.printf("loading %d conversations' events: a tenth by 1 client, the rest by 16%n", work.size());
        long[] one = ingest(work, bodies, 1, single);
        System.err.printf("1 client: %d events in %d ms%n", one[0], one[1]);
        long[] sixteen = ingest(work, bodies, 16, Integer.MAX_VALUE);
        System.err.printf("16 clients: %d events in %d ms%n", sixteen[0], sixteen[1]);
        report.add(String.format(Locale.ROOT, "ingest, 1 client: %d events in %.1f s = %.0f events/s (batches of %d, "
                + "one conversation each)", one[0], one[1] / 1e3, one[0] * 1e3 / one[1], eventsPer));
        report.add(String.format(Locale.ROOT, "ingest, 16 clients: %d events in %.1f s = %.0f events/s", sixteen[0],
                sixteen[1] / 1e3, sixteen[0] * 1e3 / sixteen[1]));
        databaseFileAfterTheLoad();
        long indexBytes = folderBytes(indexFolder);
        report.add(String.format(Locale.ROOT, "index on disk: %.1f MB; kept text %.1f MB; ratio %.2f", indexBytes / 1e6,
                keptTextBytes / 1e6, (double) indexBytes / keptTextBytes));
        report.add(String.format(Locale.ROOT, "service RSS after loading: %d MB", Benchmark.rssKb(servicePid) / 1024));
    }

    /**
     * The embedded database's file (beside the index folder) at the end of the load, and once it stops changing (at
     * most a minute); also lets the index commit. Searches are measured after that.
     */
    private void databaseFileAfterTheLoad() throws Exception {
        Path file = indexFolder.resolveSibling("convsearch.mv");
        if (!Files.exists(file)) {
            Thread.sleep(12_000); // the index commits every few seconds: wait for a commit, then measure it on disk
            return;
        }
        long atTheEnd = Files.size(file);
        long start = System.nanoTime();
        long size = atTheEnd;
        Thread.sleep(12_000);
        while (Files.size(file) < size && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1)) {
            size = Files.size(file);
            Thread.sleep(3_000);
        }
        long quiet = Files.size(file);
        report.add(String.format(Locale.ROOT, "database file: %.0f MB at the end of the load (%.1f x the kept text), "
                + "%.0f MB %d s later (%.1f x)", atTheEnd / 1e6, (double) atTheEnd / keptTextBytes, quiet / 1e6,
                (System.nanoTime() - start) / 1_000_000_000, (double) quiet / keptTextBytes));
    }

    /**
     * Each user's conversations (user {@code u}'s {@code c}th at {@code u * perUser + c}): a title and the events'
     * texts, made from {@code fromSeed}, so that the baseline of one Lucene document per conversation holds what
     * {@link #load} sent, also after {@code --search-only}.
     */
    private List<LuceneAlone.Conversation> corpus(long fromSeed) {
        EventTextGenerator text = new EventTextGenerator(fromSeed);
        String[][] titles = new String[users][perUser];
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < perUser; c++) {
                titles[u][c] = text.title();
            }
        }
        List<List<String>> events = new ArrayList<>();
        for (int i = 0; i < users * perUser; i++) {
            events.add(new ArrayList<>());
        }
        for (int c = 0; c < perUser; c++) {
            for (int u = 0; u < users; u++) {
                for (int e = 0; e < eventsPer; e++) {
                    events.get(u * perUser + c).add(text.text(eventBytes - 50 + text.nextInt(100)));
                }
            }
        }
        List<LuceneAlone.Conversation> corpus = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            for (int c = 0; c < perUser; c++) {
                corpus.add(new LuceneAlone.Conversation("bench-" + u, titles[u][c], events.get(u * perUser + c)));
            }
        }
        return corpus;
    }

    /**
     * The corpus's events, one body a conversation, and the work of posting them: user, conversation, body (by
     * conversation, then user).
     */
    private void eventBodies(List<LuceneAlone.Conversation> corpus, ConcurrentLinkedQueue<int[]> work,
            List<String> bodies) throws Exception {
        for (int c = 0; c < perUser; c++) {
            for (int u = 0; u < users; u++) {
                StringBuilder events = new StringBuilder("[");
                List<String> texts = corpus.get(u * perUser + c).events();
                for (int e = 0; e < texts.size(); e++) {
                    keptTextBytes += texts.get(e).getBytes(StandardCharsets.UTF_8).length;
                    events.append(e == 0 ? "" : ",").append(event(e, texts.get(e)));
                }
                bodies.add(events.append(']').toString());
                work.add(new int[] { u, c, bodies.size() - 1 });
            }
        }
    }

    /** Sends the events of the first conversations again (each replaces itself), {@code count} events, by 16 clients. */
    private void resend(int count) throws Exception {
        ConcurrentLinkedQueue<int[]> work = new ConcurrentLinkedQueue<>();
        List<String> bodies = new ArrayList<>();
        eventBodies(corpus(seed + 1), work, bodies);
        long[] sent = ingest(work, bodies, 16, Math.max(1, count / eventsPer));
        System.out.printf(Locale.ROOT, "sent %d events again in %d ms%n", sent[0], sent[1]);
    }

    /** Posts the bodies of {@code work} (up to {@code atMost} of them) with {@code clients} clients: events and ms. */
    private long[] ingest(ConcurrentLinkedQueue<int[]> work, List<String> bodies, int clients, int atMost)
            throws Exception {
        AtomicInteger taken = new AtomicInteger();
        AtomicLong events = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            vertx.runOnContext(v -> post(work, bodies, atMost, taken, events, errors, finished));
        }
        finished.await(30, TimeUnit.MINUTES);
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " event batches failed");
        }
        return new long[] { events.get(), (System.nanoTime() - start) / 1_000_000 };
    }

    private void post(ConcurrentLinkedQueue<int[]> work, List<String> bodies, int atMost, AtomicInteger taken,
            AtomicLong events, AtomicLong errors, CountDownLatch finished) {
        int[] next = taken.incrementAndGet() <= atMost ? work.poll() : null;
        if (next == null) {
            finished.countDown();
            return;
        }
        send(HttpMethod.POST, "/api/conversations/" + conversation(next[1]) + "/events", next[0], "application/json",
                bodies.get(next[2])).whenComplete((status, failure) -> {
                    if (failure != null || status != 200) {
                        errors.incrementAndGet();
                    } else {
                        events.addAndGet(eventsPer);
                    }
                    post(work, bodies, atMost, taken, events, errors, finished);
                });
    }

    /** Searches of each kind through the service, then the same on the index alone. */
    private void search() throws Exception {
        EventTextGenerator words = new EventTextGenerator(seed + 1);
        Map<String, List<String[]>> kinds = new LinkedHashMap<>();
        for (String kind : EventTextGenerator.QUERY_KINDS) {
            List<String[]> queries = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                queries.add(new String[] { String.valueOf(i % users), words.query(kind) });
            }
            kinds.put(kind, queries);
        }
        kinds.put(MIXED, mixed(kinds));
        List<String[]> sentences = new ArrayList<>(); // not in the mix, which stays as the issue measured it
        for (int i = 0; i < 400; i++) {
            sentences.add(new String[] { String.valueOf(i % users), words.sentence() });
        }
        kinds.put(SENTENCE, sentences);
        report.add("");
        Trickle writes = new Trickle();
        Path conversationDocs = Files.createTempDirectory("conversation-docs");
        try {
            LuceneAlone.buildConversationDocs(conversationDocs, corpus(seed));
            searchEveryKind(kinds, conversationDocs);
        } finally {
            writes.stop();
            IOUtils.rm(conversationDocs); // the baseline's index: 125 MB on S
        }
    }

    /** The JIT warm-up, then each kind of search through the service and through the baselines, a row each. */
    private void searchEveryKind(Map<String, List<String[]>> kinds, Path conversationDocs) throws Exception {
        warmUpTheJit(kinds, conversationDocs);
        report.add("| search (q) | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | service CPU ms/query "
                + "| of which JIT compiler | Lucene alone CPU ms/query | ratio | of which its matching and page "
                + "(no text matches) | results/query "
                + "| conversations read from MongoDB/query | one doc per conversation, top 21: CPU ms/query | ratio "
                + "| the same, + the page's best 3 passages each (UnifiedHighlighter): CPU ms/query | ratio "
                + "| index segments at the end |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<String[]>> kind : kinds.entrySet()) {
            System.err.println("searching: " + kind.getKey());
            double[] service = driveSearches(kind.getValue());
            List<String[]> queries = bench(kind.getValue());
            double aloneCpu = cpuPerQuery(() -> LuceneAlone.run(indexFolder, queries, concurrency, 20, true, warmup,
                    duration));
            double matchingCpu = cpuPerQuery(() -> LuceneAlone.run(indexFolder, queries, concurrency, 20, false,
                    warmup, duration));
            double topKCpu = cpuPerQuery(() -> LuceneAlone.runConversationDocs(conversationDocs, queries,
                    concurrency, 21, 0, warmup, duration));
            double highlightedCpu = cpuPerQuery(() -> LuceneAlone.runConversationDocs(conversationDocs, queries,
                    concurrency, 21, 3, warmup, duration));
            report.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.0f | %.3f | %.3f | "
                    + "%.3f | %.2f | %.3f | %.0f | %.0f | %.3f | %.2f | %.3f | %.2f | %.0f |", kind.getKey(),
                    concurrency, service[0], service[1], service[2], service[3], service[4], service[5], service[6],
                    service[9], aloneCpu, service[6] / aloneCpu, matchingCpu, service[7], service[8], topKCpu,
                    service[6] / topKCpu, highlightedCpu, service[6] / highlightedCpu, service[10]));
        }
        pagesTheDatabaseOrders(kinds.get("1 word"));
        longQueries(kinds.get("1 word"));
    }

    /**
     * Searches with the longest {@code q} there is (500 characters), through the service alone: each costs more than a
     * short one, and the figures show how much more. The corpus's commonest words are the worst words to ask: each is
     * in most events.
     */
    private void longQueries(List<String[]> oneWord) throws Exception {
        report.add("");
        report.add("| q of 500 characters | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | errors "
                + "| service CPU ms/query | results/query |");
        report.add("|---|---|---|---|---|---|---|---|---|---|");
        List<String> common = List.of(EventTextGenerator.WORDS).subList(0, 120);
        Map<String, List<String[]>> shapes = new LinkedHashMap<>();
        shapes.put("one word again and again", eachUser(oneWord, word -> upTo500(Collections.nCopies(250, word), "")));
        shapes.put("the corpus's commonest words", eachUser(oneWord, word -> upTo500(common, "")));
        shapes.put("the same as one phrase", eachUser(oneWord, word -> upTo500(common, "\"")));
        shapes.put("a phrase of the commonest word again and again",
                eachUser(oneWord, word -> upTo500(Collections.nCopies(250, common.get(0)), "\"")));
        for (Map.Entry<String, List<String[]>> shape : shapes.entrySet()) {
            System.err.println("searching: " + shape.getKey());
            double[] service = driveSearches(shape.getValue());
            report.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.0f | %.3f | %.1f |",
                    shape.getKey(), concurrency, service[0], service[1], service[2], service[3], service[4],
                    service[5], service[6], service[7]));
        }
    }

    /** The queries {@code q} makes of each of {@code oneWord}'s words, for the same users. */
    private static List<String[]> eachUser(List<String[]> oneWord, UnaryOperator<String> q) {
        return oneWord.stream().map(query -> new String[] { query[0], q.apply(query[1]) }).toList();
    }

    /** As many of {@code words} as fit in 500 characters with a space between them, inside {@code quote}. */
    private static String upTo500(List<String> words, String quote) {
        StringBuilder q = new StringBuilder();
        for (String word : words) {
            if (q.length() + word.length() + 1 + 2 * quote.length() > 500) {
                break;
            }
            q.append(q.isEmpty() ? "" : " ").append(word);
        }
        return quote + q + quote;
    }

    /**
     * Pages the database orders, through the service alone (no baseline does them): a user's first page without
     * {@code q} (the conversations list), and with the 1-word queries in another order than relevance. On the embedded
     * database both once read and sorted every conversation of the user.
     */
    private void pagesTheDatabaseOrders(List<String[]> oneWord) throws Exception {
        report.add("");
        report.add("| page the database orders | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | errors "
                + "| service CPU ms/query | results/query | conversations read from MongoDB/query |");
        report.add("|---|---|---|---|---|---|---|---|---|---|---|");
        Map<String, List<String[]>> pages = new LinkedHashMap<>();
        pages.put("no q (the conversations list)", oneWord.stream().map(q -> new String[] { q[0], "" }).toList());
        pages.put("1 word, sort_order=UPDATED_AT_DESC", oneWord.stream()
                .map(q -> new String[] { q[0], q[1], "sort_order=UPDATED_AT_DESC" }).toList());
        for (Map.Entry<String, List<String[]>> page : pages.entrySet()) {
            System.err.println("searching: " + page.getKey());
            double[] service = driveSearches(page.getValue());
            report.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.0f | %.3f | %.0f "
                    + "| %.0f |", page.getKey(), concurrency, service[0], service[1], service[2], service[3],
                    service[4], service[5], service[6], service[7], service[8]));
        }
    }

    /**
     * {@link #trickle} events a second, posted in batches of 5 to the users' conversations in turn (new events, so the
     * index grows as a live feed makes it), from before the JIT warm-up to the last search: the service's CPU per
     * query then holds the writes' cost, and the index is never quiet. Nothing when {@link #trickle} is 0.
     */
    private final class Trickle {

        private final EventTextGenerator texts = new EventTextGenerator(seed + 2);
        private final AtomicLong batches = new AtomicLong();
        private final AtomicLong posted = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final long timer;

        Trickle() {
            timer = trickle <= 0 ? -1 : vertx.setPeriodic(Math.max(1, 5000 / trickle), ignored -> post());
        }

        private void post() {
            long batch = batches.getAndIncrement(); // not from the answers: a batch still under way has its number
            int user = (int) (batch % users);
            int conversation = (int) (batch / users % perUser);
            StringBuilder events = new StringBuilder("[");
            try {
                for (int e = 0; e < 5; e++) {
                    events.append(e == 0 ? "" : ",").append(event("live-" + (batch * 5 + e), e,
                            texts.text(eventBytes)));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            send(HttpMethod.POST, "/api/conversations/" + conversation(conversation) + "/events", user,
                    "application/json", events.append(']').toString()).whenComplete((status, failure) -> {
                        if (failure == null && status == 200) {
                            posted.addAndGet(5);
                        } else {
                            failed.incrementAndGet();
                        }
                    });
        }

        void stop() {
            if (timer < 0) {
                return;
            }
            vertx.cancelTimer(timer);
            report.add(String.format(Locale.ROOT, "Writes meanwhile: %d events a second in batches of 5, %d events "
                    + "posted, %d batches failed", trickle, posted.get(), failed.get()));
        }
    }

    /**
     * Searches with every kind of query mixed, unmeasured, for {@code jitWarmup}: the JVM's JIT compiles the search's
     * code for all the kinds at once. Each kind alone would first run on code compiled for the kinds before it, be
     * deoptimised and compiled again, and its window would pay for the compiler threads' work (up to a third of the
     * service's CPU, with 5 s of warm-up); a service in use has long seen every kind. The two baselines, which run in
     * this process, get the same mix for as long each.
     */
    private void warmUpTheJit(Map<String, List<String[]>> kinds, Path conversationDocs) throws Exception {
        if (jitWarmup.isZero()) {
            report.add("JIT warm-up: none (each kind's own warm-up only)");
            return;
        }
        List<String[]> mixed = kinds.get(MIXED);
        System.err.println("warming the JIT up: every kind of search, mixed, for " + jitWarmup.toSeconds() + " s");
        long cpuBefore = Benchmark.processCpuMillis(servicePid);
        long compilerBefore = Benchmark.compilerCpuMillis(servicePid);
        loop(mixed, jitWarmup, new Histogram(3_600_000_000L, 3), new AtomicLong(), new AtomicLong(), new AtomicLong());
        report.add(String.format(Locale.ROOT, "JIT warm-up: %d s of every kind mixed, unmeasured; the service's CPU in it "
                + "%.1f s, of which its JIT compiler threads %.1f s", jitWarmup.toSeconds(),
                (Benchmark.processCpuMillis(servicePid) - cpuBefore) / 1e3,
                (Benchmark.compilerCpuMillis(servicePid) - compilerBefore) / 1e3));
        LuceneAlone.run(indexFolder, bench(mixed), concurrency, 20, true, Duration.ZERO, jitWarmup);
        LuceneAlone.runConversationDocs(conversationDocs, bench(mixed), concurrency, 21, 3, Duration.ZERO, jitWarmup);
    }

    /**
     * Every kind's queries taken in turn, one of each: the issue's own measure (one figure a corpus for "queries of 1,
     * 2 and 3 words and phrases"), where each kind's CPU counts by how often it is asked, not by how long it takes.
     */
    private static List<String[]> mixed(Map<String, List<String[]>> kinds) {
        List<String[]> mixed = new ArrayList<>();
        int each = kinds.values().iterator().next().size();
        for (int i = 0; i < each; i++) {
            for (List<String[]> queries : kinds.values()) {
                mixed.add(queries.get(i));
            }
        }
        return mixed;
    }

    /**
     * This process's CPU per query in the measured window of {@code run}: the warm-up's CPU is in the process's too, so
     * the window's share is counted by time.
     */
    private double cpuPerQuery(java.util.concurrent.Callable<LuceneAlone.Result> run) throws Exception {
        long cpuBefore = Benchmark.processCpuMillis(ProcessHandle.current().pid());
        LuceneAlone.Result result = run.call();
        return (Benchmark.processCpuMillis(ProcessHandle.current().pid()) - cpuBefore)
                * (result.seconds() / (result.seconds() + warmup.toSeconds())) / result.queries();
    }

    /** The queries with the users' ids as the index holds them. */
    private static List<String[]> bench(List<String[]> queries) {
        return queries.stream().map(q -> new String[] { "bench-" + q[0], q[1] }).toList();
    }

    /**
     * One kind of search through the service: req/s, p50, p90, p99, max (ms), errors, CPU ms/query, results/query,
     * conversations read from MongoDB/query (the service's {@code convsearch_conversations_read_total}), and the CPU
     * ms/query of the service's JIT compiler threads.
     */
    private double[] driveSearches(List<String[]> queries) throws Exception {
        loop(queries, warmup, new Histogram(3_600_000_000L, 3), new AtomicLong(), new AtomicLong(), new AtomicLong());
        Histogram latency = new Histogram(3_600_000_000L, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong matches = new AtomicLong();
        double readBefore = conversationsRead();
        long cpuBefore = Benchmark.processCpuMillis(servicePid);
        long compilerBefore = Benchmark.compilerCpuMillis(servicePid);
        long start = System.nanoTime();
        loop(queries, duration, latency, requests, errors, matches);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = Benchmark.processCpuMillis(servicePid) - cpuBefore;
        long compiler = Benchmark.compilerCpuMillis(servicePid) - compilerBefore;
        double read = conversationsRead() - readBefore;
        return new double[] { requests.get() / seconds, latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(90) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3, errors.get(), (double) cpu / requests.get(),
                (double) matches.get() / requests.get(), read / requests.get(), (double) compiler / requests.get(),
                metric("convsearch_search_index_segments") };
    }

    /** The service's count of conversations read from MongoDB (NaN when it has none). */
    private double conversationsRead() throws Exception {
        return metric("convsearch_conversations_read_total");
    }

    /** The value of the service's metric {@code name} (without labels) in /q/metrics, NaN when it has none. */
    private double metric(String name) throws Exception {
        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                .orElse(Double.NaN);
    }

    private void loop(List<String[]> queries, Duration length, Histogram latency, AtomicLong requests,
            AtomicLong errors, AtomicLong matches) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            vertx.runOnContext(v -> query(queries, next, end, latency, requests, errors, matches, finished));
        }
        finished.await(length.toSeconds() + 60, TimeUnit.SECONDS);
    }

    private void query(List<String[]> queries, AtomicInteger next, long end, Histogram latency, AtomicLong requests,
            AtomicLong errors, AtomicLong matches, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        String[] query = queries.get(Math.floorMod(next.getAndIncrement(), queries.size()));
        long start = System.nanoTime();
        http.request(new RequestOptions().setMethod(HttpMethod.GET)
                .setURI(uri(query))
                .addHeader("X-Session-API-Key", Benchmark.key(Integer.parseInt(query[0]))))
                .compose(request -> request.send()).compose(response -> response.body().map(body -> {
                    if (response.statusCode() == 200) {
                        matches.addAndGet(countResults(body));
                    }
                    return response.statusCode() == 200;
                }))
                .onComplete(result -> {
                    synchronized (latency) {
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    }
                    requests.incrementAndGet();
                    if (!result.succeeded() || !result.result()) {
                        errors.incrementAndGet();
                    }
                    query(queries, next, end, latency, requests, errors, matches, finished);
                });
    }

    /** A search's URI: {@code q} unless empty, and the query's other parameters (its third value) when it has some. */
    private static String uri(String[] query) {
        List<String> parameters = new ArrayList<>();
        if (!query[1].isEmpty()) {
            parameters.add("q=" + URLEncoder.encode(query[1], StandardCharsets.UTF_8));
        }
        if (query.length > 2) {
            parameters.add(query[2]);
        }
        return "/api/conversations" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }

    private static int countResults(Buffer body) {
        return new JsonObject(body).getJsonArray("results").size();
    }

    private CompletableFuture<Integer> send(HttpMethod method, String path, int user, String type, String body) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        http.request(new RequestOptions().setMethod(method).setURI(path)
                .addHeader("X-Session-API-Key", Benchmark.key(user)).addHeader("Content-Type", type))
                .compose(request -> request.send(body)).compose(response -> response.body()
                        .map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        status.complete(result.result());
                    } else {
                        status.completeExceptionally(result.cause());
                    }
                });
        return status;
    }

    private static String conversation(int c) {
        return "conv-" + c;
    }

    private static String event(int e, String text) throws IOException {
        return event("ev-" + e, e, text);
    }

    /** An event of id {@code id}, its kind and time by its place {@code e} in its batch. */
    private static String event(String id, int e, String text) throws IOException {
        String kind = switch (e % 4) {
            case 0 -> "user";
            case 1, 2 -> "agent";
            default -> "environment";
        };
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("timestamp", String.format(Locale.ROOT, "2025-03-01T10:%02d:%02d", e / 60, e % 60));
        event.put("source", kind);
        switch (kind) {
            case "user" -> {
                event.put("kind", "MessageEvent");
                event.put("llm_message", Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", text))));
            }
            case "agent" -> {
                event.put("kind", "ActionEvent");
                event.put("thought", List.of(Map.of("type", "text", "text", text)));
                event.put("action", Map.of("kind", "ExecuteBashAction", "command", "ls"));
            }
            default -> {
                event.put("kind", "ObservationEvent");
                event.put("observation", Map.of("content", List.of(Map.of("type", "text", "text", text))));
            }
        }
        return JSON.writeValueAsString(event);
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }
}
