package dev.convsearch.reliability;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import dev.convsearch.support.TestUsers;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Generates hostile requests over every endpoint from one seeded {@link Random}, so a run can be repeated: random and
 * boundary values for every parameter, operator-like strings, broken and oversized bodies, wrong content types, bad keys
 * and odd headers.
 */
final class HostileRequests {

    /** One generated request: what it is (for reports) and how to send it. */
    record HostileRequest(String description, Function<RequestSpecification, Response> send) {
    }

    private static final List<String> QUERY_NAMES = List.of("page_id", "limit", "selected_repository",
            "conversation_trigger", "sort_order", "title__contains", "created_at__gte", "created_at__lt",
            "updated_at__gte", "updated_at__lt", "unknown", "limit[]", "$where", "tag", "tag", "archived", "status",
            "include_sub_conversations", "ids", "q", "q");
    private static final List<String> FIELD_NAMES = List.of("conversation_id", "title", "selected_repository",
            "selected_branch", "git_provider", "trigger", "status", "runtime_status", "url", "session_api_key",
            "num_connections", "pr_number", "created_at", "last_updated_at", "user_id", "name", "expires_at", "$set",
            "__proto__", "", "tags", "archived", "parent_conversation_id", "sub_conversation_ids", "conversation_ids",
            "add_tags", "remove_tags", "id", "kind", "source", "timestamp", "llm_message", "content", "text", "type",
            "thought", "action", "args", "command", "observation", "error", "rejection_reason");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-ndjson",
            "text/plain", "application/json; charset=ISO-8859-1", "application/xml", "multipart/form-data",
            "application/jsonl", "*/*");

    /** Values that sit on a boundary or mean something to a parser, a database or a shell. */
    private static final List<String> SPECIAL = List.of("", " ", "0", "-1", "1", "100", "101", "20", "1e3",
            "2147483648", "-9223372036854775809", "NaN", "null", "true", "{\"$ne\": null}", "{\"$gt\": \"\"}", ".*",
            "^.*$", "(a+)+$", "\\", "'", "\"", "%00", "\u0000", "\n", "../../etc/passwd", "🎉", "ünïcødé", "gui", "GUI",
            "resolver", "UPDATED_AT", "CREATED_AT_DESC", "TITLE", "TITLE_DESC", "2025-01-01T00:00:00Z", "2025-13-45T99:99:99Z",
            "2025-01-01",
            "+999999999-12-31T23:59:59Z", "AAAAAAAAAAAAAAAAAAAAAAAA", "cs_", "count", "import", "RELEVANCE",
            "\"run the tests\"", "tests AND NOT (a OR b)", "title:x* ~2 ^3", "\"unbalanced", "MessageEvent",
            "ActionEvent", "ObservationEvent", "user", "agent", "environment", "text", "(".repeat(500), "a\"b\"c\"");
    /** Characters that break naive handling: NUL, controls, the ends of the BMP, lone surrogates, combining marks. */
    private static final char[] EDGE_CHARS = { '\u0000', '\u0001', '\t', '\n', '\r', ' ', '"', '\\', '$', '.', '\u007f',
            '\u00e9', '\u0301', '\u200b', '\ud83c', '\udf89', '\ud800', '\udfff', '\ufeff', '\uffff' };

    private final Random random;
    private final String validKey;
    private final List<String> knownIds;

    HostileRequests(long seed, TestUsers user, List<String> knownIds) {
        this.random = new Random(seed);
        this.validKey = user.key();
        this.knownIds = knownIds;
    }

    HostileRequest next() {
        int kind = random.nextInt(20);
        return switch (kind) {
            case 0, 1 -> search("/api/conversations");
            case 2 -> search(random.nextBoolean() ? "/api/v1/app-conversations/search" : "/api/v1/app-conversations");
            case 3 -> search(random.nextBoolean() ? "/api/conversations/count" : "/api/v1/app-conversations/count");
            case 4 -> withPath("GET", "/api/conversations/");
            case 5 -> withBody("POST", "/api/conversations");
            case 6 -> withPathAndBody("PATCH", "/api/conversations/");
            case 7 -> withPath("DELETE", "/api/conversations/");
            case 8 -> importLines();
            case 9 -> withBody("POST", "/api/keys");
            case 10 -> random.nextBoolean() ? plain("GET", "/api/keys") : withPath("DELETE", "/api/keys/");
            case 11 -> withBody("POST", random.nextBoolean() ? "/api/conversations/batch-delete"
                    : "/api/conversations/batch-update");
            case 12, 13 -> events();
            case 14 -> webhookEvents();
            case 15 -> webhookInfo();
            default -> oddMethodOrPath();
        };
    }

    private HostileRequest search(String path) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = pick(QUERY_NAMES);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value());
        }
        return new HostileRequest("GET " + path + " " + params.keySet(), spec -> {
            RequestSpecification request = auth(spec);
            params.forEach((name, vals) -> request.queryParam(name, vals.toArray()));
            return request.get(path);
        });
    }

    private HostileRequest withPath(String method, String prefix) {
        String path = prefix + encoded(pathId());
        return new HostileRequest(method + " " + prefix + "<id>", spec -> auth(spec).urlEncodingEnabled(false)
                .request(method, path));
    }

    private HostileRequest withBody(String method, String path) {
        byte[] body = body();
        String type = contentType();
        return new HostileRequest(method + " " + path + " " + type, spec -> auth(spec).contentType(type).body(body)
                .request(method, path));
    }

    private HostileRequest withPathAndBody(String method, String prefix) {
        String path = prefix + encoded(pathId());
        byte[] body = body();
        String type = contentType();
        return new HostileRequest(method + " " + prefix + "<id> " + type, spec -> auth(spec).contentType(type)
                .body(body).urlEncodingEnabled(false).request(method, path));
    }

    private HostileRequest importLines() {
        StringBuilder lines = new StringBuilder();
        int count = random.nextInt(8);
        for (int i = 0; i < count; i++) {
            lines.append(random.nextInt(4) == 0 ? value() : new String(jsonObject(0), StandardCharsets.UTF_8))
                    .append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        }
        byte[] body = lines.toString().getBytes(StandardCharsets.UTF_8);
        String type = random.nextInt(4) == 0 ? contentType() : "application/x-ndjson";
        return new HostileRequest("POST import " + type, spec -> auth(spec).contentType(type).body(body)
                .post("/api/conversations/import"));
    }

    /** A body of events (JSON, or NDJSON lines) for a conversation that may or may not be the caller's. */
    private HostileRequest events() {
        String path = "/api/conversations/" + encoded(pathId()) + "/events";
        byte[] body;
        String type;
        if (random.nextBoolean()) {
            body = body();
            type = contentType();
        } else {
            StringBuilder lines = new StringBuilder();
            for (int i = random.nextInt(8); i > 0; i--) {
                lines.append(random.nextInt(4) == 0 ? value() : new String(jsonObject(0), StandardCharsets.UTF_8))
                        .append(random.nextInt(3) == 0 ? "" : "\n");
            }
            body = lines.toString().getBytes(StandardCharsets.UTF_8);
            type = random.nextInt(4) == 0 ? contentType() : "application/x-ndjson";
        }
        return new HostileRequest("POST /api/conversations/<id>/events " + type, spec -> auth(spec).contentType(type)
                .body(body).urlEncodingEnabled(false).post(path));
    }

    /**
     * A batch for the live feed, as an agent-server posts it (its sandbox key beside the caller's Bearer key, now and
     * then): a UUID (dashed or hex) or any path id; a list of events, state updates and anything else, or any body.
     */
    private HostileRequest webhookEvents() {
        String path = "/api/v1/webhooks/events/" + (random.nextInt(4) == 0 ? encoded(pathId()) : uuid());
        byte[] body;
        if (random.nextInt(5) == 0) {
            body = body();
        } else {
            StringBuilder batch = new StringBuilder("[");
            for (int i = random.nextInt(8); i > 0; i--) {
                batch.append(switch (random.nextInt(4)) {
                    case 0 -> jsonValue(0);
                    case 1 -> "{\"id\": " + quote(value()) + ", \"kind\": \"ConversationStateUpdateEvent\", \"key\": "
                            + quote(pick(List.of("execution_status", "stats", "full_state", "agent", value())))
                            + ", \"value\": " + jsonValue(0) + "}";
                    case 2 -> "{\"id\": " + quote(value()) + ", \"kind\": \"MessageEvent\", \"source\": \"user\", "
                            + "\"llm_message\": {\"content\": [{\"type\": \"text\", \"text\": " + quote(value()) + "}]}}";
                    default -> new String(jsonObject(0), StandardCharsets.UTF_8);
                }).append(i > 1 ? "," : "");
            }
            body = batch.append(random.nextInt(30) == 0 ? "" : "]").toString().getBytes(StandardCharsets.UTF_8);
        }
        return new HostileRequest("POST /api/v1/webhooks/events/<id>", spec -> sandboxKey(auth(spec))
                .contentType(contentType()).body(body).urlEncodingEnabled(false).post(path));
    }

    /** A conversation info for the live feed: an id that may be a UUID, fields of every type, or any body. */
    private HostileRequest webhookInfo() {
        byte[] body;
        if (random.nextInt(5) == 0) {
            body = body();
        } else {
            StringBuilder info = new StringBuilder("{\"id\": ").append(random.nextInt(4) == 0 ? jsonValue(0)
                    : quote(random.nextBoolean() ? uuid() : randomUuid().toString()));
            for (String field : List.of("title", "execution_status", "created_at", "updated_at", "tags", "stats",
                    "metrics", "agent", "parent_conversation_id")) {
                if (random.nextBoolean()) {
                    info.append(", ").append(quote(field)).append(": ").append(field.equals("execution_status")
                            ? quote(pick(List.of("running", "deleting", "idle", "finished", value())))
                            : jsonValue(0));
                }
            }
            body = info.append('}').toString().getBytes(StandardCharsets.UTF_8);
        }
        return new HostileRequest("POST /api/v1/webhooks/conversations", spec -> sandboxKey(auth(spec))
                .contentType(contentType()).body(body).post("/api/v1/webhooks/conversations"));
    }

    /** A UUID as 32 hex digits, in a random case. */
    private String uuid() {
        String hex = randomUuid().toString().replace("-", "");
        return random.nextInt(4) == 0 ? hex.toUpperCase(java.util.Locale.ROOT) : hex;
    }

    /** A UUID of this generator's seed. */
    private UUID randomUuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** The agent-server's own key, beside the caller's, one time in two. */
    private RequestSpecification sandboxKey(RequestSpecification spec) {
        return random.nextBoolean() ? spec.header("X-Session-API-Key", "sandbox-" + randomUuid()) : spec;
    }

    private HostileRequest plain(String method, String path) {
        return new HostileRequest(method + " " + path, spec -> auth(spec).request(method, path));
    }

    private HostileRequest oddMethodOrPath() {
        String[] methods = { "PUT", "OPTIONS", "HEAD", "TRACE", "PATCH", "POST" };
        String method = methods[random.nextInt(methods.length)];
        String[] paths = { "/api/conversations", "/api/conversations/count", "/api", "/api/keys/x/y", "/q/health",
                "/api/conversations/import", "/api/conversations/a/b/c", "/api/conversations//",
                "/api/conversations/batch-delete", "/api/conversations/batch-update" };
        String path = paths[random.nextInt(paths.length)];
        return new HostileRequest(method + " " + path, spec -> auth(spec).request(method, path));
    }

    private RequestSpecification auth(RequestSpecification spec) {
        int roll = random.nextInt(20);
        if (roll < 14) {
            spec.header("X-Session-API-Key", validKey);
        } else if (roll == 14) {
            spec.header("Authorization", "Bearer " + validKey);
        } else if (roll == 15) {
            spec.header("X-Session-API-Key", headerValue());
        } else if (roll == 16) {
            spec.header("Authorization", headerValue());
        } else if (roll == 17) {
            spec.header("X-Session-API-Key", validKey).header("X-Request-ID", headerValue());
        }
        if (random.nextInt(10) == 0) {
            spec.header("Accept", pick(List.of("application/xml", "text/html", "*/*", "application/json")));
        }
        return spec;
    }

    /** A value for a parameter, a path or a JSON string: special, any text, ASCII or long, 4 : 3 : 3 : 1. */
    private String value() {
        int roll = random.nextInt(11);
        if (roll < 4) {
            return pick(SPECIAL);
        }
        if (roll < 7) {
            return text(40, 0, Character.MAX_VALUE + 1);
        }
        if (roll < 10) {
            return text(60, 0, 128);
        }
        StringBuilder letters = new StringBuilder();
        for (int i = 1000 + random.nextInt(4001); i > 0; i--) {
            letters.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
        }
        return letters.toString();
    }

    /** A header value of printable ASCII, up to 300 characters. */
    private String headerValue() {
        return text(300, ' ', '~' + 1);
    }

    /**
     * Up to {@code maxLength} characters in {@code [from, to)}, one in eight an edge character when the range holds
     * them all; an empty text one time in sixteen.
     */
    private String text(int maxLength, int from, int to) {
        if (random.nextInt(16) == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            boolean edge = to > Character.MAX_VALUE && random.nextInt(8) == 0;
            text.append(edge ? EDGE_CHARS[random.nextInt(EDGE_CHARS.length)] : (char) (from + random.nextInt(to - from)));
        }
        return text.toString();
    }

    private String pathId() {
        return random.nextInt(3) == 0 && !knownIds.isEmpty() ? pick(knownIds) : value();
    }

    private String contentType() {
        return random.nextInt(3) == 0 ? pick(CONTENT_TYPES) : "application/json";
    }

    private byte[] body() {
        int roll = random.nextInt(20);
        if (roll == 0) {
            return new byte[0];
        }
        if (roll == 1) {
            return value().getBytes(StandardCharsets.UTF_8);
        }
        if (roll == 2) {
            return ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll == 3) {
            return ("{\"title\": \"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return jsonObject(0);
    }

    /** A JSON object of known and unknown fields whose values are of every JSON type, now and then malformed. */
    private byte[] jsonObject(int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(pick(FIELD_NAMES))).append(':').append(jsonValue(depth));
        }
        json.append(random.nextInt(30) == 0 ? "" : "}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String jsonValue(int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> random.nextBoolean() ? "1e400" : "-0.5";
            case 4, 5 -> quote(value());
            case 6 -> "[" + jsonValue(depth + 1) + "," + jsonValue(depth + 1) + "]";
            default -> new String(jsonObject(depth + 1), StandardCharsets.UTF_8);
        };
    }

    /** A path segment, percent-encoded (so '/', '?' and '{' arrive as data). */
    private static String encoded(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static RequestSpecification spec() {
        return given().urlEncodingEnabled(true);
    }
}
