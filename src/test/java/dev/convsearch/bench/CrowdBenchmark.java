package dev.convsearch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import org.apache.lucene.util.IOUtils;

import dev.convsearch.domain.KeptText;
import dev.convsearch.search.CrowdedIndex;

/**
 * Whether one user's search with q costs more in an index shared with many other users (scripts/crowd-bench.sh). Two
 * index folders, written by the service's own index and merged into one segment: the user's texts alone, and the same
 * texts among a crowd of other users' conversations. The same searches of that user's (1, 2, 3 words and phrases in
 * turn) run on each in rounds, one folder after the other in the same thread, and each search's CPU time and the bytes
 * it allocates are printed. Both folders must give the same answers: the user's statistics are the user's own.
 */
public final class CrowdBenchmark {

    private static final String USER = "bench-0";
    private static final int CROWD_PER_USER = 50;
    private static final int PAGE = 20;

    private final int conversations;
    private final int eventsPer;
    private final int eventBytes;
    private final int crowd;
    private final long seed;

    private CrowdBenchmark(Map<String, String> args) {
        conversations = Integer.parseInt(args.getOrDefault("conversations", "500"));
        eventsPer = Integer.parseInt(args.getOrDefault("events", "40"));
        eventBytes = Integer.parseInt(args.getOrDefault("event-bytes", "500"));
        crowd = Integer.parseInt(args.getOrDefault("crowd", "1000000"));
        seed = Long.parseLong(args.getOrDefault("seed", "23"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        CrowdBenchmark bench = new CrowdBenchmark(args);
        Path folder = Path.of(args.getOrDefault("folder", "target/crowd-bench"));
        String user = bench.conversations + "x" + bench.eventsPer + "x" + bench.eventBytes + "-seed" + bench.seed;
        Path alone = folder.resolve("alone-" + user);
        Path crowded = folder.resolve("among-" + bench.crowd + "-" + user);
        bench.buildUnlessBuilt(alone, 0);
        bench.buildUnlessBuilt(crowded, bench.crowd);
        bench.measure(alone, crowded, Integer.parseInt(args.getOrDefault("rounds", "5")),
                Integer.parseInt(args.getOrDefault("searches", "2000")));
    }

    /** Builds the folder, unless a run before built it (a folder is named only once built whole). */
    private void buildUnlessBuilt(Path folder, int crowdConversations) throws Exception {
        if (Files.isDirectory(folder)) {
            return;
        }
        long start = System.nanoTime();
        Path building = folder.resolveSibling(folder.getFileName() + ".building");
        IOUtils.rm(building); // what a run stopped midway left
        CrowdedIndex.build(building, texts(crowdConversations));
        Files.move(building, folder);
        System.out.printf(Locale.ROOT, "built %s (the user's %d conversations x %d events, %d others') in %.1f s%n",
                folder, conversations, eventsPer, crowdConversations, (System.nanoTime() - start) / 1e9);
    }

    /** The user's texts, then the crowd's: a title and one short event a conversation, 50 conversations a user. */
    private Iterator<KeptText> texts(int crowdConversations) {
        EventTextGenerator text = new EventTextGenerator(seed);
        Random ids = new Random(seed);
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        return new Iterator<>() {
            private int conversation;
            private int event = -1; // -1: the title
            private String id = id(ids);

            @Override
            public boolean hasNext() {
                return conversation < conversations + crowdConversations;
            }

            @Override
            public KeptText next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                boolean theUsers = conversation < conversations;
                String user = theUsers ? USER : "crowd-" + (conversation - conversations) / CROWD_PER_USER;
                KeptText made = event < 0 ? KeptText.title(user, id, text.title(), at)
                        : new KeptText(user, id, "e" + event, at.plusSeconds(event), "agent", "MessageEvent",
                                text.text(theUsers ? eventBytes - 50 + text.nextInt(100) : 100), at);
                if (++event == (theUsers ? eventsPer : 1)) {
                    event = -1;
                    conversation++;
                    id = id(ids);
                }
                return made;
            }
        };
    }

    /** A conversation id as OpenHands makes them: 32 hexadecimal digits. */
    private static String id(Random random) {
        return String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    }

    /** The user's queries: 1, 2, 3 words and a phrase in turn, as the content benchmark makes them. */
    private List<String[]> queries() {
        EventTextGenerator words = new EventTextGenerator(seed + 1);
        List<String[]> queries = new ArrayList<>();
        List<String> kinds = EventTextGenerator.QUERY_KINDS;
        for (int i = 0; i < 400; i++) {
            queries.add(new String[] { USER, words.query(kinds.get(i % kinds.size())) });
        }
        return queries;
    }

    private void measure(Path alone, Path crowded, int rounds, int searches) throws Exception {
        List<String[]> queries = queries();
        try (CrowdedIndex few = CrowdedIndex.open(alone); CrowdedIndex many = CrowdedIndex.open(crowded)) {
            if (!few.answers(queries, PAGE).equals(many.answers(queries, PAGE))) {
                throw new IllegalStateException("the two folders answer the user's searches differently");
            }
            System.out.printf("the same answers to the user's %d searches in both folders (%d and %d segments)%n",
                    queries.size(), few.segments(), many.segments());
            few.run(queries, searches, PAGE); // the JIT's warm-up, unmeasured
            many.run(queries, searches, PAGE);
            double[][] cost = new double[4][rounds];
            System.out.println("| round | alone: CPU ms/search | among the crowd | alone: KB allocated/search "
                    + "| among the crowd |");
            System.out.println("|---|---|---|---|---|");
            for (int r = 0; r < rounds; r++) {
                CrowdedIndex.Cost a = few.run(queries, searches, PAGE);
                CrowdedIndex.Cost b = many.run(queries, searches, PAGE);
                cost[0][r] = a.cpuMillis();
                cost[1][r] = b.cpuMillis();
                cost[2][r] = a.allocatedKb();
                cost[3][r] = b.allocatedKb();
                System.out.printf(Locale.ROOT, "| %d | %.3f | %.3f | %.0f | %.0f |%n", r + 1, a.cpuMillis(),
                        b.cpuMillis(), a.allocatedKb(), b.allocatedKb());
            }
            System.out.printf(Locale.ROOT, "| median | %.3f | %.3f (%.2fx) | %.0f | %.0f |%n", median(cost[0]),
                    median(cost[1]), median(cost[1]) / median(cost[0]), median(cost[2]), median(cost[3]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
