package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.SearchWalker;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Search inside conversations, as a client sees it: events in (both OpenHands shapes, JSON and NDJSON), {@code q} on
 * both surfaces and both counts, relevance, {@code text_matches}, paging, filters, deletes and tenancy.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentSearchTest {

    @Inject
    ConversationRepository conversations;

    static final TestUsers OWNER = TestUsers.GUS;
    static final TestUsers OTHER = TestUsers.HUGO;
    private static final String SEARCH = "/api/conversations";
    private static final String V1_SEARCH = "/api/v1/app-conversations/search";

    private boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        awaitSearchReady();
        create(OWNER, "cs-build", "Fix the flaky build", "acme/app");
        create(OWNER, "cs-cafe", "Café refactor", "acme/lib");
        create(OWNER, "cs-deploy", "Deploy notes", "acme/app");
        create(OWNER, "cs-title-only", "Tests are failing everywhere", "acme/app");
        events(OWNER, "cs-build", "[" + message("b1", "user", "Why are the tests failing in docker-compose.yml?") + ","
                + action("b2", "Let me run the tests", "pytest -x tests/test_api.py") + ","
                + observation("b3", "java.lang.NullPointerException at Foo.bar") + ","
                + "{\"id\": \"b4\", \"kind\": \"SystemPromptEvent\", \"source\": \"agent\"}]")
                .then().statusCode(200).body("indexed", equalTo(3)).body("skipped", equalTo(1))
                .body("failed", hasSize(0));
        OWNER.request().contentType("application/x-ndjson").body(("{\"id\": 1, \"action\": \"message\", \"source\": "
                + "\"user\", \"timestamp\": \"2025-01-30T10:00:00\", \"args\": {\"content\": \"the test failed on the "
                + "cafe page\"}}{\"id\": 2, \"observation\": \"run\", \"content\": \"All green\"}\nnot json\n")
                .getBytes(StandardCharsets.UTF_8)).post(eventsOf("cs-cafe"))
                .then().statusCode(200).body("indexed", equalTo(2)).body("failed[0].line", equalTo(2));
        events(OWNER, "cs-deploy", message("d1", "agent", "The deployment of the service failed twice")).then()
                .statusCode(200);
        // the other user: the same conversation id and words, never seen by OWNER
        create(OTHER, "cs-build", "Fix the flaky build", "acme/app");
        events(OTHER, "cs-build", message("x1", "user", "tests failing secret-of-other-user")).then().statusCode(200);
        seeded = true;
    }

    @Test
    void everyWordOfQMustBeInTheTitleOrAcrossTheEvents() {
        assertEquals(List.of("cs-title-only", "cs-build", "cs-cafe"), ids(SEARCH, "failing tests"),
                "word forms match; a title that holds them comes first");
        assertEquals(List.of("cs-build"), ids(SEARCH, "docker-compose pytest"), "across two events");
        assertEquals(List.of("cs-build"), ids(SEARCH, "compose"));
        assertEquals(List.of("cs-build"), ids(SEARCH, "NullPointerException"));
        assertEquals(List.of("cs-cafe"), ids(SEARCH, "CAFE"), "case and accents, title and event");
        assertEquals(List.of(), ids(SEARCH, "secret-of-other-user"), "another user's events are never matched");
        assertEquals(List.of(), ids(SEARCH, "docker nowhere"));
    }

    @Test
    void phrasesMustBeTogetherAndInOrder() {
        assertEquals(List.of("cs-build"), ids(SEARCH, "\"run the tests\""));
        assertEquals(List.of(), ids(SEARCH, "\"tests the run\""));
    }

    @Test
    void nothingInQIsSyntaxAndBadQIsA422() {
        for (String q : List.of("(tests:", "tests*", "\\tests", "-tests", "tests AND", "\"tests", "a\"b\"c", "{\"$ne\": 1}",
                "'; drop", "tests~2", "+tests^3 OR [x TO y]")) {
            OWNER.request().queryParam("q", q).get(SEARCH).then().statusCode(200);
        }
        assertEquals(List.of("cs-build"), ids(SEARCH, "(NullPointerException):"));
        for (String q : List.of("", "(((", "\u0000a", "x".repeat(501))) {
            OWNER.request().queryParam("q", q).get(SEARCH).then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "q")));
        }
        OWNER.request().queryParam("q", "(".repeat(499) + "a").get(SEARCH).then().statusCode(200);
        StringBuilder phrases = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            phrases.append("\"t").append(i).append("\"");
        }
        OWNER.request().queryParam("q", phrases.toString()).get(SEARCH).then().statusCode(200)
                .body("results", hasSize(0));
    }

    @Test
    void relevanceIsTheDefaultWithQAndA422Without() {
        OWNER.request().queryParam("sort_order", "RELEVANCE").get(SEARCH).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "sort_order")));
        OWNER.request().queryParam("sort_order", "RELEVANCE").get(V1_SEARCH).then().statusCode(422);
        assertEquals(ids(SEARCH, "tests"), ids(SEARCH, Map.of("q", "tests", "sort_order", "RELEVANCE")));
        List<String> byTitle = ids(V1_SEARCH, Map.of("q", "tests", "sort_order", "TITLE"));
        assertEquals(List.of("cs-cafe", "cs-build", "cs-title-only"), byTitle, "by title, in code points");
    }

    @Test
    void textMatchesShowTheBestEventsWithFragmentsInCodePoints() {
        JsonPath page = OWNER.request().queryParam("q", "tests failing").get(SEARCH).then().statusCode(200)
                .extract().jsonPath();
        List<Map<String, Object>> results = page.getList("results");
        Map<String, Object> build = results.stream().filter(r -> r.get("conversation_id").equals("cs-build"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> matches = cast(build.get("text_matches"));
        assertFalse(matches.isEmpty());
        assertTrue(matches.size() <= 3);
        assertEquals("b1", matches.get(0).get("event_id"), "the event with both words first");
        assertEquals("user", matches.get(0).get("source"));
        for (Map<String, Object> match : matches) {
            String fragment = (String) match.get("fragment");
            assertTrue(fragment.codePointCount(0, fragment.length()) <= 300);
            List<Map<String, Object>> found = cast(match.get("matches"));
            for (Map<String, Object> one : found) {
                List<Integer> indices = cast(one.get("indices"));
                assertEquals(one.get("text"), new String(fragment.codePoints().skip(indices.get(0))
                        .limit(indices.get(1) - indices.get(0)).toArray(), 0, indices.get(1) - indices.get(0)));
            }
        }
        Map<String, Object> titleOnly = results.stream()
                .filter(r -> r.get("conversation_id").equals("cs-title-only")).findFirst().orElseThrow();
        assertEquals(List.of(), titleOnly.get("text_matches"), "only the title matched");
        assertFalse(OWNER.request().get(SEARCH).then().extract().jsonPath().getMap("results[0]")
                .containsKey("text_matches"), "no q, no text_matches");
        assertEquals(List.of("cs-build"), OWNER.request().queryParam("q", "pytest").get(V1_SEARCH).then()
                .statusCode(200).body("items[0].text_matches[0].event_id", equalTo("b2")).extract().jsonPath()
                .getList("items.id"));
    }

    @Test
    void aPageOfTextMatchesIsWrittenAtOnceWithItsLength() {
        TestUsers reader = TestUsers.NINA;
        String text = "the zebra crossing failed again; ".repeat(9);
        for (int c = 0; c < 20; c++) {
            create(reader, "cs-zebra-" + c, "Crossing " + c, "acme/app");
            events(reader, "cs-zebra-" + c, "[" + message("z1", "user", text) + "," + message("z2", "agent", text)
                    + "," + message("z3", "user", text) + "]").then().statusCode(200).body("indexed", equalTo(3));
        }
        Response page = reader.request().queryParam("q", "zebra").queryParam("limit", 20).get(SEARCH);
        page.then().statusCode(200).body("results", hasSize(20)).body("results[19].text_matches", hasSize(3));
        int bytes = page.asByteArray().length;
        assertTrue(bytes > 4 * 8192, "a page of 60 text matches: " + bytes + " bytes");
        // one write with its length, not 8 KB chunks each written on its own (quarkus.rest.output-buffer-size)
        assertEquals(String.valueOf(bytes), page.header("Content-Length"));
        assertNull(page.header("Transfer-Encoding"));
    }

    @Test
    void everyOtherFilterAppliesAndCountsEqualTheWalk() {
        assertEquals(List.of("cs-title-only", "cs-build"),
                ids(SEARCH, Map.of("q", "failing tests", "selected_repository", "acme/app")));
        for (String q : List.of("tests", "failing tests", "the", "fail")) {
            for (SearchWalker.Surface surface : List.of(SearchWalker.CONVERSATIONS, SearchWalker.APP_CONVERSATIONS)) {
                for (String order : List.of("RELEVANCE", "UPDATED_AT_DESC", "CREATED_AT")) {
                    List<String> walked = SearchWalker.walk(OWNER, surface, Map.of("q", q, "sort_order", order), 1);
                    assertEquals(walked.size(), new HashSet<>(walked).size());
                    assertEquals(SearchWalker.count(OWNER, surface, Map.of("q", q)), walked.size(), q + " " + order);
                }
            }
        }
        OWNER.request().body(Map.of("archived", true)).patch("/api/conversations/cs-deploy").then().statusCode(200);
        assertFalse(ids(SEARCH, "failed").contains("cs-deploy"), "archived leaves the default list");
        assertEquals(List.of("cs-deploy"), ids(SEARCH, Map.of("q", "failed", "archived", "true")));
        OWNER.request().body(Map.of("archived", false)).patch("/api/conversations/cs-deploy").then().statusCode(200);
    }

    /**
     * A search with {@code q} reads about a page of conversations from MongoDB, however many match; a walk through
     * many conversations of one index rank (which only their last update orders) and through a filter that passes few
     * of the matches visits each match once, in relevance order, and as many as the count.
     */
    @Test
    void aPageReadsAboutAPageAndWalksThroughTiesAndSelectiveFiltersAreExact() {
        TestUsers user = TestUsers.IRIS;
        for (int i = 0; i < 40; i++) {
            String id = "cs-kestrel-" + i;
            create(user, id, "Report " + i, i % 8 == 0 ? "acme/rare" : "acme/common");
            // a score of its own for each, by how often the word is said; ties for the ten with none but the title's
            String said = i < 30 ? "kestrel ".repeat(1 + i % 15) + "sighted" : "sighted";
            events(user, id, message("k" + i, "user", said + " over the ridge")).then().statusCode(200);
        }
        create(user, "cs-kestrel-title", "Kestrel ridge", "acme/common");

        long before = conversations.conversationsRead();
        JsonPath first = user.request().queryParams(Map.of("q", "kestrel", "limit", 5)).get(SEARCH).then()
                .statusCode(200).extract().jsonPath();
        long read = conversations.conversationsRead() - before;
        assertEquals(5, first.getList("results").size());
        assertEquals("cs-kestrel-title", first.getString("results[0].conversation_id"), "a title match first");
        // the page and one more, and the rest of the last one's index rank (pairs say the word as often): not all 31
        assertTrue(read <= 12, "a page of 5 of 31 matches read " + read + " conversations");

        for (Map<String, String> params : List.of(Map.of("q", "sighted ridge"), Map.of("q", "kestrel"),
                Map.of("q", "sighted", "selected_repository", "acme/rare"))) {
            for (SearchWalker.Surface surface : List.of(SearchWalker.CONVERSATIONS, SearchWalker.APP_CONVERSATIONS)) {
                List<String> walked = SearchWalker.walk(user, surface, params, 3);
                Map<String, Object> whole = new HashMap<>(params);
                whole.put("limit", 100);
                List<String> inOneGo = user.request().queryParams(whole).get(SEARCH).then().statusCode(200).extract()
                        .jsonPath().getList("results.conversation_id");
                assertEquals(inOneGo, walked, params + " walked in pages of 3 as in one page");
                assertEquals(SearchWalker.count(user, surface, params), walked.size(), params.toString());
            }
        }
        assertEquals(5, SearchWalker.count(user, SearchWalker.CONVERSATIONS,
                Map.of("q", "sighted", "selected_repository", "acme/rare")));
        assertEquals(40, SearchWalker.count(user, SearchWalker.CONVERSATIONS, Map.of("q", "sighted ridge")));
    }

    /**
     * A search with {@code q} in an order MongoDB keeps reads about a page when most of the user's conversations match
     * (it reads them in that order and keeps the matches), and asks for the matches by id when few do; either way a
     * walk visits the matches the filters select, each once, in the order a search without {@code q} gives them, and
     * as many as the count.
     */
    @Test
    void aSearchInAnOrderMongoDbKeepsReadsAboutAPageAndWalksExactly() {
        TestUsers user = TestUsers.JACK;
        for (int i = 0; i < 30; i++) {
            String id = "cs-heron-" + i;
            create(user, id, (i % 3 == 0 ? "Lake " : "Shore ") + i, i % 5 == 0 ? "acme/rare" : "acme/common");
            String said = i % 10 == 3 ? "an osprey and a heron" : "a heron";
            events(user, id, message("h" + i, "user", said + " over the water")).then().statusCode(200);
        }

        long before = conversations.conversationsRead();
        List<String> first = user.request().queryParams(Map.of("q", "heron", "sort_order", "UPDATED_AT_DESC",
                "limit", 5)).get(SEARCH).then().statusCode(200).extract().jsonPath()
                .getList("results.conversation_id");
        long read = conversations.conversationsRead() - before;
        assertEquals(5, first.size());
        // the page and one more, and a quarter more (TextHits.toFind): not all 30
        assertTrue(read <= 8, "a page of 5 when all 30 match read " + read + " conversations");

        // which conversations each q matches, by number: all, 20 of 30 (most), 3 of 30 (few)
        Map<String, IntPredicate> matching = Map.of("heron", i -> true, "heron shore", i -> i % 3 != 0,
                "osprey water", i -> i % 10 == 3);
        for (SearchWalker.Surface surface : List.of(SearchWalker.CONVERSATIONS, SearchWalker.APP_CONVERSATIONS)) {
            // the title orders are the V1 search's only
            List<String> orders = surface == SearchWalker.CONVERSATIONS ? List.of("UPDATED_AT_DESC", "CREATED_AT")
                    : List.of("UPDATED_AT_DESC", "CREATED_AT", "TITLE_DESC");
            for (String order : orders) {
                for (Map<String, String> filters : List.of(Map.<String, String> of(),
                        Map.of("selected_repository", "acme/rare"))) {
                    Map<String, Object> plain = new HashMap<>(filters);
                    plain.put("sort_order", order);
                    List<String> all = SearchWalker.walk(user, surface, plain, 100);
                    for (String q : matching.keySet()) {
                        List<String> expected = all.stream().filter(id -> matching.get(q)
                                .test(Integer.parseInt(id.substring("cs-heron-".length())))).toList();
                        Map<String, Object> params = new HashMap<>(filters);
                        params.put("q", q);
                        Map<String, Object> ordered = new HashMap<>(params);
                        ordered.put("sort_order", order);
                        List<String> walked = SearchWalker.walk(user, surface, ordered, 2);
                        assertEquals(expected, walked, ordered + " walked in pages of 2");
                        assertEquals(SearchWalker.count(user, surface, params), walked.size(), ordered.toString());
                    }
                }
            }
        }
    }

    @Test
    void anEventSentAgainReplacesTheOneKept() {
        create(OWNER, "cs-replace", "Replace me", "acme/x");
        events(OWNER, "cs-replace", message("r1", "user", "quokka")).then().statusCode(200);
        assertEquals(List.of("cs-replace"), ids(SEARCH, "quokka"));
        events(OWNER, "cs-replace", message("r1", "user", "wombat")).then().statusCode(200).body("indexed", equalTo(1));
        assertEquals(List.of(), ids(SEARCH, "quokka"));
        assertEquals(List.of("cs-replace"), ids(SEARCH, "wombat"));
        JsonPath page = OWNER.request().queryParam("q", "wombat").get(SEARCH).then().extract().jsonPath();
        assertEquals(1, page.getList("results[0].text_matches").size(), "one event, not two");
    }

    @Test
    void eventsOfAConversationNotTheCallersAre404AndKeepNothing() {
        events(OWNER, "cs-nobody", message("n1", "user", "platypus")).then().statusCode(404);
        events(OWNER, "../bad", message("n1", "user", "platypus")).then().statusCode(404);
        events(OTHER, "cs-cafe", message("n2", "user", "platypus")).then().statusCode(404);
        assertEquals(List.of(), ids(SEARCH, "platypus"));
        create(OWNER, "cs-nobody", "Now it exists", "acme/x");
        assertEquals(List.of(), ids(SEARCH, "platypus"), "nothing was kept for it");
    }

    @Test
    void deletingAConversationForgetsItsEventsBeforeItAnswers() {
        create(OWNER, "cs-gone", "Gone soon", "acme/x");
        create(OWNER, "cs-gone-2", "Gone too", "acme/x");
        events(OWNER, "cs-gone", message("g1", "user", "narwhal")).then().statusCode(200);
        events(OWNER, "cs-gone-2", message("g2", "user", "narwhal")).then().statusCode(200);
        assertEquals(2, ids(SEARCH, "narwhal").size());
        OWNER.request().delete("/api/conversations/cs-gone").then().statusCode(204);
        OWNER.request().body(Map.of("conversation_ids", List.of("cs-gone-2"))).post("/api/conversations/batch-delete")
                .then().statusCode(200);
        assertEquals(List.of(), ids(SEARCH, "narwhal"));
        assertEquals(0L, SearchWalker.count(OWNER, SearchWalker.CONVERSATIONS, Map.of("q", "narwhal")));
        create(OWNER, "cs-gone", "Back again", "acme/x");
        assertEquals(List.of(), ids(SEARCH, "narwhal"), "a new conversation with the id has none of its events");
    }

    @Test
    void aDeleteCutShortLeavesNoConversationWithoutItsEventsAndSendingItAgainForgetsThem() {
        create(OWNER, "cs-cut", "Cut short", "acme/x");
        events(OWNER, "cs-cut", message("k1", "user", "okapi")).then().statusCode(200);
        // as a crash between the delete's two steps leaves it: the conversation gone, its texts not yet
        conversations.delete(OWNER.id(), "cs-cut").await().indefinitely();
        assertEquals(List.of(), ids(SEARCH, "okapi"), "a search shows only conversations that exist");
        OWNER.request().delete("/api/conversations/cs-cut").then().statusCode(404);
        create(OWNER, "cs-cut", "Back again", "acme/x");
        assertEquals(List.of(), ids(SEARCH, "okapi"), "the delete sent again forgot the texts");
    }

    @Test
    void titlesAreFoundAsTheyChange() {
        create(OWNER, "cs-renamed", "Old axolotl name", "acme/x");
        assertEquals(List.of("cs-renamed"), ids(SEARCH, "axolotl"));
        OWNER.request().body(Map.of("title", "New capybara name")).patch("/api/conversations/cs-renamed").then()
                .statusCode(200);
        assertEquals(List.of(), ids(SEARCH, "axolotl"));
        assertEquals(List.of("cs-renamed"), ids(SEARCH, "capybara"));
        OWNER.request().contentType("application/x-ndjson")
                .body(("{\"conversation_id\": \"cs-imported\", \"title\": \"Imported ocelot\"}\n"
                        + "{\"conversation_id\": \"cs-defaulted\"}").getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(200);
        assertEquals(List.of("cs-imported"), ids(SEARCH, "ocelot"));
        assertEquals(List.of("cs-defaulted"), ids(SEARCH, "\"Conversation cs-de\""), "the default title");
    }

    @Test
    void badBodiesOfEventsAreClearAnswersNeverAServerError() {
        OWNER.request().body("{not json").post(eventsOf("cs-build")).then().statusCode(422)
                .body("detail[0].type", equalTo("json_invalid"));
        OWNER.request().body("42").post(eventsOf("cs-build")).then().statusCode(422);
        // as bytes: RestAssured reads a JSON string body itself, and 10 000 levels take it half a minute
        OWNER.request().body(("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8))
                .post(eventsOf("cs-build")).then().statusCode(422);
        OWNER.request().body(new byte[] { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' })
                .post(eventsOf("cs-build")).then().statusCode(422);
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"kind\":\"X\"}");
        }
        OWNER.request().body(many.append("]").toString().getBytes(StandardCharsets.UTF_8)).post(eventsOf("cs-build"))
                .then().statusCode(413);
        Response wrongTypes = events(OWNER, "cs-build", "[{\"id\": \"w1\", \"kind\": \"MessageEvent\", "
                + "\"llm_message\": {\"content\": [{\"type\": \"text\", \"text\": 5}]}}, {\"id\": {\"a\": 1}}, "
                + "{\"id\": \"w2\", \"kind\": 3}]");
        wrongTypes.then().statusCode(200).body("skipped", equalTo(1)).body("failed", hasSize(2));
    }

    @Test
    void anEmptyNdjsonBodyAddsNothingAndAnEmptyJsonBodyIsA422() {
        OWNER.request().contentType(ConversationResource.NDJSON).body(new byte[0]).post(eventsOf("cs-build"))
                .then().statusCode(200).body("indexed", equalTo(0)).body("skipped", equalTo(0))
                .body("failed", hasSize(0));
        OWNER.request().body(new byte[0]).post(eventsOf("cs-build")).then().statusCode(422);
    }

    /** Waits until the search index has caught up since start (the service is ready). */
    static void awaitSearchReady() {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the service did not become ready");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> ids(String path, String q) {
        return ids(path, Map.of("q", q));
    }

    private static List<String> ids(String path, Map<String, String> params) {
        Map<String, Object> query = new HashMap<>(params);
        query.put("limit", 100);
        JsonPath page = OWNER.request().queryParams(query).get(path).then().statusCode(200).extract().jsonPath();
        return new ArrayList<>(page.getList(path.equals(SEARCH) ? "results.conversation_id" : "items.id"));
    }

    static void create(TestUsers user, String id, String title, String repository) {
        user.request().body(Map.of("conversation_id", id, "title", title, "selected_repository", repository))
                .post("/api/conversations").then().statusCode(201);
    }

    static Response events(TestUsers user, String conversationId, String json) {
        return user.request().body(json).post(eventsOf(conversationId));
    }

    static String eventsOf(String conversationId) {
        return "/api/conversations/" + conversationId + "/events";
    }

    static String message(String id, String source, String text) {
        return "{\"id\": \"" + id + "\", \"kind\": \"MessageEvent\", \"source\": \"" + source + "\", "
                + "\"timestamp\": \"2025-01-31T12:00:00\", \"llm_message\": {\"role\": \"" + source + "\", "
                + "\"content\": [{\"type\": \"text\", \"text\": \"" + text + "\"}]}}";
    }

    private static String action(String id, String thought, String command) {
        return "{\"id\": \"" + id + "\", \"kind\": \"ActionEvent\", \"source\": \"agent\", \"thought\": [{\"type\": "
                + "\"text\", \"text\": \"" + thought + "\"}], \"action\": {\"kind\": \"ExecuteBashAction\", "
                + "\"command\": \"" + command + "\"}, \"tool_name\": \"bash\"}";
    }

    private static String observation(String id, String output) {
        return "{\"id\": \"" + id + "\", \"kind\": \"ObservationEvent\", \"source\": \"environment\", \"observation\": "
                + "{\"content\": [{\"type\": \"text\", \"text\": \"" + output + "\"}]}, \"tool_name\": \"bash\"}";
    }

    @SuppressWarnings("unchecked")
    private <T> T cast(Object value) {
        return (T) value;
    }
}
