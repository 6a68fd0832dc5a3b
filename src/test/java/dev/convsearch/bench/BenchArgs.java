package dev.convsearch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmarks' command lines: {@code --name=value} and {@code --flag} (whose value is "true"). */
final class BenchArgs {

    private BenchArgs() {
    }

    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            args.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        return args;
    }
}
