package dev.convsearch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Text for the content-search benchmark, from a fixed seed: English words drawn with Zipf's law (as words are used),
 * mixed with code: file names and paths, identifiers, exceptions, commands, versions. A conversation's events read
 * like an agent's session (a user asks, the agent thinks and runs commands, the environment answers).
 */
final class EventTextGenerator {

    /** Words in the order of how often they are used. */
    static final String[] WORDS = ("the of and to a in is it you that was for on are with as be this have from or one had "
            + "by not but what all were we when your can said there use an each which she do how their if will up other "
            + "about out many then them these so some her would make like him into time has look two more write go see "
            + "number no way could people my than first water been call who oil its now find long down day did get come "
            + "made may part test tests failing failed build error fix file run running code function class method value "
            + "return type string list config server client request response database query index search page user key "
            + "token branch commit merge pull review deploy deployment release version update install package module "
            + "import export script command output input log logs warning exception stack trace null pointer timeout "
            + "connection retry cache memory disk thread lock race condition bug issue ticket feature refactor rename "
            + "delete create read write parse format encode decode json yaml schema field column table row migration "
            + "container image docker compose kubernetes pod service cluster node network port host proxy route handler "
            + "endpoint api rest http status header body cookie session auth login password secret permission role admin "
            + "frontend backend react component state props hook render style layout button form modal dialog event "
            + "listener callback promise async await loop iterate array map filter reduce sort compare hash set queue "
            + "stack tree graph path directory folder workspace repository project dependency library framework plugin "
            + "extension setting option flag argument parameter variable constant default environment production staging "
            + "local remote origin upstream conflict resolve patch diff change changes line lines comment docs readme "
            + "typo lint linter formatter coverage unit integration flaky slow fast performance benchmark profile latency "
            + "throughput memory leak crash panic abort signal shutdown startup restart reload watch rebuild compile "
            + "compiler runtime interpreter python java javascript typescript rust golang shell bash terminal editor "
            + "agent assistant model prompt context window conversation message reply answer question explain suggest "
            + "should would could might must need want try think know understand check verify confirm ensure make sure "
            + "looks seems appears works broken wrong right correct expected actual instead because since after before "
            + "again still already yet just only also very really quite maybe probably perhaps").split(" ");
    private static final String[] NAMES = { "user", "order", "payment", "invoice", "session", "token", "cart", "search",
            "report", "metrics", "config", "router", "parser", "cache", "queue", "worker", "scheduler", "client" };
    private static final String[] EXTENSIONS = { "py", "java", "ts", "tsx", "js", "go", "rs", "yml", "yaml", "json",
            "md", "toml", "sql", "sh" };
    private static final String[] EXCEPTIONS = { "NullPointerException", "IllegalStateException", "KeyError",
            "TypeError", "ValueError", "AssertionError", "TimeoutError", "ConnectionRefusedError",
            "ModuleNotFoundError", "IndexOutOfBoundsException", "ConcurrentModificationException" };
    private static final String[] COMMANDS = { "pytest -x", "npm test", "mvn verify", "go test ./...", "cargo test",
            "git status", "git diff", "docker compose up -d", "kubectl get pods", "make lint", "ls -la", "cat",
            "grep -rn", "sed -n 1,80p" };

    private final Random random;
    private final double[] cumulative;

    EventTextGenerator(long seed) {
        random = new Random(seed);
        cumulative = new double[WORDS.length];
        double sum = 0;
        for (int i = 0; i < WORDS.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < WORDS.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A word, drawn as often as Zipf's law would use it. */
    String word() {
        double roll = random.nextDouble();
        int low = 0;
        int high = WORDS.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < roll) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return WORDS[low];
    }

    /** A word of the less common part of the list (what people search for), uniformly. */
    String searchWord() {
        return WORDS[40 + random.nextInt(WORDS.length - 40)];
    }

    /** A code token: a file, a path, an identifier, an exception, a version. */
    String codeToken() {
        String name = NAMES[random.nextInt(NAMES.length)];
        return switch (random.nextInt(6)) {
            case 0 -> name + "_" + NAMES[random.nextInt(NAMES.length)] + "." + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
            case 1 -> "src/" + name + "/" + capitalised(NAMES[random.nextInt(NAMES.length)]) + "Service."
                    + EXTENSIONS[random.nextInt(EXTENSIONS.length)];
            case 2 -> EXCEPTIONS[random.nextInt(EXCEPTIONS.length)];
            case 3 -> name + capitalised(NAMES[random.nextInt(NAMES.length)]) + "Id";
            case 4 -> "v" + random.nextInt(4) + "." + random.nextInt(20) + "." + random.nextInt(10);
            default -> name + "-" + NAMES[random.nextInt(NAMES.length)] + ".yml";
        };
    }

    /** About {@code bytes} of text: sentences of words with code tokens among them, now and then a command line. */
    String text(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 40);
        while (text.length() < bytes) {
            int words = 6 + random.nextInt(12);
            for (int i = 0; i < words; i++) {
                if (i > 0) {
                    text.append(' ');
                }
                String word = random.nextInt(12) == 0 ? codeToken() : word();
                text.append(i == 0 ? capitalised(word) : word);
            }
            text.append(random.nextInt(5) == 0 ? ": " : ". ");
            if (random.nextInt(6) == 0) {
                text.append('\n').append(COMMANDS[random.nextInt(COMMANDS.length)]).append(' ').append(codeToken())
                        .append('\n');
            }
        }
        return text.toString().strip();
    }

    /** A title: three to six words, one of them code now and then. */
    String title() {
        List<String> words = new ArrayList<>();
        for (int i = 3 + random.nextInt(4); i > 0; i--) {
            words.add(random.nextInt(5) == 0 ? codeToken() : searchWord());
        }
        return capitalised(String.join(" ", words));
    }

    /** The kinds of query the benchmarks search with, in the order they take them. */
    static final List<String> QUERY_KINDS = List.of("1 word", "2 words", "3 words", "phrase");

    /** A query of one of {@link #QUERY_KINDS}: 1 or 2 words, 2 words and a code token, or a phrase. */
    String query(String kind) {
        return switch (kind) {
            case "1 word" -> searchWord();
            case "2 words" -> searchWord() + " " + searchWord();
            case "3 words" -> searchWord() + " " + searchWord() + " " + codeToken();
            case "phrase" -> phrase();
            default -> throw new IllegalArgumentException("no such kind of query: " + kind);
        };
    }

    /**
     * A sentence typed into a search box, as people ask a question: 6 to 10 words, drawn as often as they are used, so
     * most are common ones ("the", "of", "test").
     */
    String sentence() {
        StringBuilder sentence = new StringBuilder(word());
        for (int i = 6 + random.nextInt(5); i > 1; i--) {
            sentence.append(' ').append(word());
        }
        return sentence.toString();
    }

    /** Two or three words that follow each other in some text: a phrase to search for. */
    String phrase() {
        String[] words = text(200).replaceAll("[^\\p{L}\\p{N} ]", " ").toLowerCase(Locale.ROOT).split("\\s+");
        int start = random.nextInt(Math.max(1, words.length - 3));
        int length = 2 + random.nextInt(2);
        StringBuilder phrase = new StringBuilder("\"");
        for (int i = start; i < Math.min(words.length, start + length); i++) {
            phrase.append(i == start ? "" : " ").append(words[i]);
        }
        return phrase.append('"').toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static String capitalised(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
