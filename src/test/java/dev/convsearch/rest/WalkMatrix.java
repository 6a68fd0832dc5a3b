package dev.convsearch.rest;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.domain.Tags;
import dev.convsearch.support.SearchWalker;
import dev.convsearch.support.SearchWalker.Surface;
import dev.convsearch.support.TestUsers;

/**
 * Walks every sort order of both surfaces with every filter alone and all of them together, three to a page, over data
 * with ties on every sort field, and checks each walk against the order this test computes itself: every match once,
 * in order, pages full until the last, and both counts equal to the walk. Run on both backends (the tests' wire server
 * and the embedded database) because mongo-java-server reads some query shapes unlike MongoDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WalkMatrix {

    private static final TestUsers OWNER = TestUsers.FERN;
    private static final int LIMIT = 3;
    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final String[] TITLES = { "Fix b", "fix c", "FIX a", "Fix b", "Éclair build", "éclair test",
            "a.b*c (x)", "Zebra", "zebra" };
    private static final String[] REPOSITORIES = { "acme/app", "acme/lib", "" };
    private static final String[] TRIGGERS = { "gui", "resolver", null };
    private static final String[] STATUSES = { "STOPPED", "RUNNING", "STARTING" };
    private static final List<List<String>> TAG_SETS = List.of(List.of(), List.of("ops"), List.of("nightly", "ops"),
            List.of("Ops"));

    record Stored(String id, String title, String repository, String trigger, String status, List<String> tags,
            boolean archived, String parent, Instant createdAt, Instant updatedAt) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("conversation_id", id);
            json.put("title", title);
            json.put("selected_repository", repository);
            json.put("trigger", trigger);
            json.put("status", status);
            json.put("tags", tags);
            json.put("archived", archived);
            json.put("parent_conversation_id", parent);
            json.put("created_at", createdAt.toString());
            json.put("last_updated_at", updatedAt.toString());
            return json;
        }
    }

    /** A search's parameters and the conversations they select, by this test's own reading of the contract. */
    record Case(String name, Map<String, Object> params, Predicate<Stored> selects) {
    }

    private final List<Stored> stored = new ArrayList<>();

    /** Seeds once, with one import; in a {@code @BeforeEach} because RestAssured knows the test port only there. */
    @BeforeEach
    void seed() throws JsonProcessingException {
        if (!stored.isEmpty()) {
            return;
        }
        Random random = new Random(22);
        for (int i = 0; i < 40; i++) {
            stored.add(new Stored(String.format("wm-%02x%02d", random.nextInt(256), i),
                    TITLES[random.nextInt(TITLES.length)], REPOSITORIES[random.nextInt(REPOSITORIES.length)],
                    TRIGGERS[random.nextInt(TRIGGERS.length)], STATUSES[random.nextInt(STATUSES.length)],
                    TAG_SETS.get(random.nextInt(TAG_SETS.size())), random.nextInt(4) == 0,
                    random.nextInt(5) == 0 ? "wm-parent" : null, BASE.plusSeconds(3600L * random.nextInt(3)),
                    BASE.plusSeconds(3600L * random.nextInt(4))));
        }
        // a dozen that every filter at once selects, with ties on every sort field
        for (int i = 0; i < 12; i++) {
            stored.add(new Stored(String.format("wm-all-%02x", random.nextInt(256)) + i, TITLES[i % 3], "acme/app",
                    "gui", "RUNNING", List.of("nightly", "ops"), true, "wm-parent",
                    BASE.plusSeconds(3600L * (1 + i % 2)), BASE.plusSeconds(3600L * (1 + i / 2 % 2))));
        }
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (Stored s : stored) {
            lines.append(json.writeValueAsString(s.json())).append('\n');
        }
        OWNER.request().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(200).body("failed", hasSize(0));
    }

    @Test
    void everyOrderOfBothSurfacesWalksEveryFilterInTotalOrderWithFullPagesAndCountsEqualToTheWalk() {
        for (Case c : cases()) {
            List<Stored> selected = stored.stream().filter(c.selects()).toList();
            assertEquals(selected.size(), SearchWalker.count(OWNER, SearchWalker.CONVERSATIONS, c.params()),
                    "count of " + c.name());
            assertEquals(selected.size(), SearchWalker.count(OWNER, SearchWalker.APP_CONVERSATIONS, c.params()),
                    "V1 count of " + c.name());
            for (SortOrder order : SortOrder.BY_FIELD) {
                List<String> expected = selected.stream().sorted(comparator(order)).map(Stored::id).toList();
                for (Surface surface : List.of(SearchWalker.CONVERSATIONS, SearchWalker.APP_CONVERSATIONS)) {
                    if (surface == SearchWalker.CONVERSATIONS && !SortOrder.BY_DATE.contains(order)) {
                        continue;
                    }
                    Map<String, Object> params = new HashMap<>(c.params());
                    params.put("sort_order", order.name());
                    assertEquals(expected, SearchWalker.walk(OWNER, surface, params, LIMIT),
                            surface.path() + " " + order + " " + c.name());
                }
            }
        }
    }

    /** Every filter alone (the text filters in three ways), then all of them together. */
    private static List<Case> cases() {
        Instant h1 = BASE.plusSeconds(3600);
        Instant h2 = BASE.plusSeconds(7200);
        Instant h3 = BASE.plusSeconds(10800);
        Predicate<Stored> listed = s -> !s.archived() && s.parent() == null;
        List<Case> cases = new ArrayList<>(List.of(
                new Case("no filter", Map.of(), listed),
                new Case("repository", Map.of("selected_repository", "acme/app"),
                        listed.and(s -> s.repository().equals("acme/app"))),
                new Case("empty repository", Map.of("selected_repository", ""),
                        listed.and(s -> s.repository().isEmpty())),
                new Case("trigger", Map.of("conversation_trigger", "gui"), listed.and(s -> "gui".equals(s.trigger()))),
                new Case("status", Map.of("status", "RUNNING"), listed.and(s -> s.status().equals("RUNNING"))),
                new Case("tag", Map.of("tag", "ops"), listed.and(s -> s.tags().contains("ops"))),
                new Case("two tags", Map.of("tag", List.of("ops", "nightly")),
                        listed.and(s -> s.tags().containsAll(List.of("ops", "nightly")))),
                new Case("archived", Map.of("archived", "true"), s -> s.archived() && s.parent() == null),
                new Case("sub-conversations", Map.of("include_sub_conversations", "true"), s -> !s.archived()),
                new Case("title", Map.of("title__contains", "fix"), listed.and(titleContains("fix"))),
                new Case("title in other case, accented", Map.of("title__contains", "ÉCLAIR"),
                        listed.and(titleContains("éclair"))),
                new Case("title with regex characters", Map.of("title__contains", "b*c ("),
                        listed.and(titleContains("b*c ("))),
                new Case("created from", Map.of("created_at__gte", h1.toString()),
                        listed.and(s -> !s.createdAt().isBefore(h1))),
                new Case("created before", Map.of("created_at__lt", h2.toString()),
                        listed.and(s -> s.createdAt().isBefore(h2))),
                new Case("updated from", Map.of("updated_at__gte", h2.toString()),
                        listed.and(s -> !s.updatedAt().isBefore(h2))),
                new Case("updated before", Map.of("updated_at__lt", h2.toString()),
                        listed.and(s -> s.updatedAt().isBefore(h2)))));
        Map<String, Object> all = new HashMap<>();
        all.put("selected_repository", "acme/app");
        all.put("conversation_trigger", "gui");
        all.put("status", "RUNNING");
        all.put("tag", List.of("ops", "nightly"));
        all.put("archived", "true");
        all.put("include_sub_conversations", "true");
        all.put("title__contains", "fix");
        all.put("created_at__gte", h1.toString());
        all.put("created_at__lt", h3.toString());
        all.put("updated_at__gte", h1.toString());
        all.put("updated_at__lt", h3.toString());
        cases.add(new Case("every filter", all, s -> s.archived() && s.repository().equals("acme/app")
                && "gui".equals(s.trigger()) && s.status().equals("RUNNING")
                && s.tags().containsAll(List.of("ops", "nightly")) && titleContains("fix").test(s)
                && !s.createdAt().isBefore(h1) && s.createdAt().isBefore(h3) && !s.updatedAt().isBefore(h1)
                && s.updatedAt().isBefore(h3)));
        return cases;
    }

    private static Predicate<Stored> titleContains(String text) {
        return s -> s.title().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    private static Comparator<Stored> comparator(SortOrder order) {
        Comparator<Stored> bySortField = order.field() == ConversationField.TITLE
                ? (a, b) -> Tags.byCodePoint(a.title(), b.title())
                : order.field() == ConversationField.CREATED_AT ? Comparator.comparing(Stored::createdAt)
                        : Comparator.comparing(Stored::updatedAt);
        Comparator<Stored> total = bySortField.thenComparing(Stored::id, Tags::byCodePoint);
        return order.descending() ? total.reversed() : total;
    }
}
