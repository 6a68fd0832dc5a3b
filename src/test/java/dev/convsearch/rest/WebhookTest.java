package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The live feed, as an OpenHands agent-server sends it: the exact requests of its {@code WebhookSubscriber} (events in
 * batches of 5, to {@code {base}/events/{uuid hex}}) and {@code ConversationWebhookSubscriber} (a ConversationInfo to
 * {@code {base}/conversations}), with the configured {@code Authorization: Bearer} and the sandbox's own
 * {@code X-Session-API-Key} beside it; the SDK's own events (a real conversation's, {@code openhands-sdk/}).
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTest {

    static final TestUsers OWNER = TestUsers.KIM;
    static final TestUsers OTHER = TestUsers.LEO;
    private static final String BASE = "/api/v1/webhooks";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key of the agent-server's sandbox: not a convsearch key. */
    private static final String SANDBOX_KEY = "sandbox-session-key-" + UUID.randomUUID();

    private boolean ready;

    @BeforeEach
    void ready() {
        if (!ready) {
            ContentSearchTest.awaitSearchReady();
            ready = true;
        }
    }

    /**
     * A request as the agent-server sends it (httpx's {@code request(json=...)}): the configured headers, then its
     * sandbox key, and what httpx adds.
     */
    static RequestSpecification agentServer(TestUsers user) {
        return given().header("Authorization", "Bearer " + user.key()).header("X-Session-API-Key", SANDBOX_KEY)
                .header("User-Agent", "python-httpx/0.28.1").header("Accept", "*/*")
                .header("Accept-Encoding", "gzip, deflate").contentType("application/json");
    }

    static Response postEvents(TestUsers user, String hexId, String body) {
        return agentServer(user).body(body.getBytes(StandardCharsets.UTF_8)).post(BASE + "/events/" + hexId);
    }

    static Response postInfo(TestUsers user, JsonNode info) {
        return agentServer(user).body(info.toString().getBytes(StandardCharsets.UTF_8))
                .post(BASE + "/conversations");
    }

    /** An agent-server's ConversationInfo, as {@code model_dump(mode="json")} writes its main fields. */
    static ObjectNode info(UUID id, String title, String executionStatus, String updatedAt) {
        ObjectNode info = JSON.createObjectNode();
        info.put("id", id.toString());
        info.put("title", title);
        info.put("execution_status", executionStatus);
        info.put("created_at", "2026-06-16T05:39:00.000000Z");
        info.put("updated_at", updatedAt);
        info.putObject("agent").put("kind", "Agent").putObject("llm").put("model", "litellm_proxy/minimax-m2.7")
                .put("usage_id", "default");
        info.putObject("stats").putObject("usage_to_metrics");
        info.putNull("parent_conversation_id");
        info.putArray("sub_conversation_ids");
        info.putObject("tags");
        info.putNull("metrics");
        return info;
    }

    static String hex(UUID id) {
        return id.toString().replace("-", "");
    }

    static List<JsonNode> sdkEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        try (InputStream in = WebhookTest.class.getResourceAsStream("/openhands-sdk/goal-events.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    events.add(JSON.readTree(line));
                }
            }
        }
        return events;
    }

    private static Response search(TestUsers user, String q) {
        return user.request().queryParam("q", q).get("/api/conversations");
    }

    private static Response v1(TestUsers user, String hexId) {
        return user.request().queryParam("ids", hexId).get("/api/v1/app-conversations");
    }

    @Test
    void theSdksEventsInItsBatchesOfFiveAreFoundAndUpdateTheConversation() throws IOException {
        UUID id = UUID.randomUUID();
        List<JsonNode> events = sdkEvents();
        int indexed = 0;
        int skipped = 0;
        for (int from = 0; from < events.size(); from += 5) {
            ArrayNode batch = JSON.createArrayNode().addAll(events.subList(from, Math.min(from + 5, events.size())));
            Response answer = postEvents(OWNER, hex(id), batch.toString());
            answer.then().statusCode(200).body("success", equalTo(true)).body("failed", equalTo(0));
            indexed += answer.jsonPath().getInt("indexed");
            skipped += answer.jsonPath().getInt("skipped");
        }
        long withText = events.stream().map(e -> e.path("kind").asText())
                .filter(kind -> kind.equals("ActionEvent") || kind.equals("ObservationEvent")).count();
        assertEquals(withText, indexed);
        assertEquals(events.size() - withText, skipped);

        // made on first sight, named as OpenHands names it until its info comes
        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(200)
                .body("title", equalTo("Conversation " + hex(id).substring(0, 5)))
                .body("status", equalTo("RUNNING")).body("runtime_status", equalTo("STATUS$READY"));
        search(OWNER, "Cannot execute multiple commands").then().statusCode(200)
                .body("results.conversation_id", contains(hex(id)))
                .body("results[0].text_matches[0].source", equalTo("environment"));
        search(OWNER, "AUTOMATION_SESSION_URL").then().body("results.conversation_id", contains(hex(id)));
        // the state updates: the last execution_status, the last stats (every LLM's usage summed)
        JsonNode last = events.stream().filter(e -> "stats".equals(e.path("key").asText())).reduce((a, b) -> b)
                .orElseThrow();
        long prompt = 0;
        long completion = 0;
        for (JsonNode usage : (Iterable<JsonNode>) last.path("value").path("usage_to_metrics")::elements) {
            prompt += usage.path("accumulated_token_usage").path("prompt_tokens").asLong();
            completion += usage.path("accumulated_token_usage").path("completion_tokens").asLong();
        }
        v1(OWNER, hex(id)).then().statusCode(200).body("[0].execution_status", equalTo("running"))
                .body("[0].sandbox_status", equalTo("RUNNING"))
                .body("[0].metrics.accumulated_token_usage.prompt_tokens", equalTo((int) prompt))
                .body("[0].metrics.accumulated_token_usage.completion_tokens", equalTo((int) completion));

        int matched = search(OWNER, "Cannot execute multiple commands").jsonPath()
                .getList("results[0].text_matches").size();
        // the whole conversation sent again (at least once): nothing doubles
        for (int from = 0; from < events.size(); from += 5) {
            ArrayNode batch = JSON.createArrayNode().addAll(events.subList(from, Math.min(from + 5, events.size())));
            postEvents(OWNER, hex(id), batch.toString()).then().statusCode(200);
        }
        OWNER.request().queryParam("q", "Cannot execute multiple commands").get("/api/conversations/count").then()
                .body(equalTo("1"));
        search(OWNER, "Cannot execute multiple commands").then().body("results[0].text_matches", hasSize(matched));
    }

    @Test
    void infosMakeAndUpdateTheConversationAndAnOlderOneChangesNothing() {
        UUID id = UUID.randomUUID();
        ObjectNode started = info(id, null, "idle", "2026-06-16T05:39:10.000000Z");
        started.with("tags").put("automationid", "nightly-review");
        postInfo(OWNER, started).then().statusCode(200).body("success", equalTo(true)).body("applied", equalTo(true));
        ObjectNode titled = info(id, "Review the capybara pull request", "running", "2026-06-16T05:40:00.000000Z");
        titled.with("stats").with("usage_to_metrics").putObject("default").put("accumulated_cost", 0.25)
                .putObject("accumulated_token_usage").put("prompt_tokens", 100).put("completion_tokens", 20);
        titled.with("stats").with("usage_to_metrics").putObject("condenser").put("accumulated_cost", 0.5)
                .putObject("accumulated_token_usage").put("prompt_tokens", 7).put("completion_tokens", 3);
        postInfo(OWNER, titled).then().statusCode(200).body("applied", equalTo(true));
        // the start info, sent again from its background task after the later one: changes nothing
        postInfo(OWNER, info(id, "An older title", "idle", "2026-06-16T05:39:10.000000Z")).then().statusCode(200)
                .body("success", equalTo(true)).body("applied", equalTo(false));

        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(200)
                .body("title", equalTo("Review the capybara pull request"))
                .body("created_at", equalTo("2026-06-16T05:39:00Z"))
                .body("last_updated_at", equalTo("2026-06-16T05:40:00Z"))
                .body("status", equalTo("RUNNING")).body("tags", contains("automationid:nightly-review"));
        v1(OWNER, hex(id)).then().body("[0].llm_model", equalTo("litellm_proxy/minimax-m2.7"))
                .body("[0].execution_status", equalTo("running"))
                .body("[0].metrics.accumulated_cost", equalTo(0.75f))
                .body("[0].metrics.accumulated_token_usage.prompt_tokens", equalTo(107))
                .body("[0].metrics.accumulated_token_usage.completion_tokens", equalTo(23));
        search(OWNER, "capybara pull request").then().body("results.conversation_id", contains(hex(id)));

        // paused: the status follows
        postInfo(OWNER, info(id, "Review the capybara pull request", "paused", "2026-06-16T05:41:00Z")).then()
                .statusCode(200).body("applied", equalTo(true));
        OWNER.request().get("/api/conversations/" + hex(id)).then().body("status", equalTo("STOPPED"))
                .body("runtime_status", nullValue());
    }

    @Test
    void fieldsTheAgentServerDoesNotKnowAreNeverOverwrittenAndUserTagsStay() {
        UUID id = UUID.randomUUID();
        OWNER.request().body("{\"conversation_id\": \"" + hex(id) + "\", \"title\": \"Imported\", "
                + "\"selected_repository\": \"acme/app\", \"selected_branch\": \"main\", \"git_provider\": \"github\", "
                + "\"trigger\": \"resolver\", \"pr_number\": [42], \"tags\": [\"mine\", \"automationid:old\"]}")
                .post("/api/conversations").then().statusCode(201);
        ObjectNode info = info(id, "Fix the resolver", "finished", "2026-06-16T06:00:00Z");
        info.with("tags").put("automationid", "new");
        postInfo(OWNER, info).then().statusCode(200).body("applied", equalTo(true));
        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(200)
                .body("title", equalTo("Fix the resolver")).body("selected_repository", equalTo("acme/app"))
                .body("selected_branch", equalTo("main")).body("git_provider", equalTo("github"))
                .body("trigger", equalTo("resolver")).body("pr_number", contains(42))
                .body("tags", contains("automationid:new", "mine")).body("status", equalTo("STOPPED"));
    }

    @Test
    void eventsBeforeTheirConversationThenItsInfo() {
        UUID id = UUID.randomUUID();
        postEvents(OWNER, hex(id), "[" + message("m1", "Please upgrade the zeppelin dependency") + "]").then()
                .statusCode(200).body("indexed", equalTo(1));
        search(OWNER, "zeppelin").then().body("results.conversation_id", contains(hex(id)))
                .body("results[0].title", equalTo("Conversation " + hex(id).substring(0, 5)));
        postInfo(OWNER, info(id, "Upgrade zeppelin", "running", "2026-06-16T07:00:00Z")).then().statusCode(200);
        search(OWNER, "zeppelin").then().body("results[0].title", equalTo("Upgrade zeppelin"))
                .body("results[0].created_at", equalTo("2026-06-16T05:39:00Z"));
    }

    @Test
    void deletingDeletesTheConversationAndItsEventsAndLateEventsDoNotMakeItAgain() {
        UUID id = UUID.randomUUID();
        postInfo(OWNER, info(id, "Short lived", "running", "2026-06-16T08:00:00Z")).then().statusCode(200);
        postEvents(OWNER, hex(id), "[" + message("m1", "a quokka appears") + "]").then().statusCode(200);
        search(OWNER, "quokka").then().body("results", hasSize(1));

        postInfo(OWNER, info(id, "Short lived", "deleting", "2026-06-16T08:01:00Z")).then().statusCode(200)
                .body("success", equalTo(true));
        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(404);
        search(OWNER, "quokka").then().body("results", hasSize(0));
        // the agent-server flushes its last events after the delete: they make nothing
        postEvents(OWNER, hex(id), "[" + message("m2", "a late quokka") + "]").then().statusCode(200)
                .body("success", equalTo(true)).body("indexed", equalTo(0));
        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(404);
        search(OWNER, "quokka").then().body("results", hasSize(0));
        // sent again (retried), and for a conversation never seen: 200
        postInfo(OWNER, info(id, "Short lived", "deleting", "2026-06-16T08:01:00Z")).then().statusCode(200);
        postInfo(OWNER, info(UUID.randomUUID(), null, "deleting", "2026-06-16T08:01:00Z")).then().statusCode(200);
    }

    @Test
    void anIdAnotherUserHoldsIsA404AndNothingIsKeptOrChanged() {
        UUID id = UUID.randomUUID();
        postInfo(OWNER, info(id, "Owner's conversation", "running", "2026-06-16T09:00:00Z")).then().statusCode(200);
        postInfo(OTHER, info(id, "Hijacked", "finished", "2026-06-16T09:30:00Z")).then().statusCode(404)
                .body("detail", equalTo("Conversation not found"));
        postEvents(OTHER, hex(id), "[" + message("x1", "wombat secrets") + "]").then().statusCode(404);
        postInfo(OTHER, info(id, "Hijacked", "deleting", "2026-06-16T09:30:00Z")).then().statusCode(404);
        OWNER.request().get("/api/conversations/" + hex(id)).then().statusCode(200)
                .body("title", equalTo("Owner's conversation")).body("status", equalTo("RUNNING"));
        OTHER.request().get("/api/conversations/" + hex(id)).then().statusCode(404);
        search(OTHER, "wombat").then().body("results", hasSize(0));
        search(OWNER, "wombat").then().body("results", hasSize(0));

        // held through the conversations API too
        String created = hex(UUID.randomUUID());
        OWNER.request().body("{\"conversation_id\": \"" + created + "\"}").post("/api/conversations").then()
                .statusCode(201);
        postEvents(OTHER, created, "[" + message("x2", "wombat") + "]").then().statusCode(404);
    }

    @Test
    void deletingAnIdTwoUsersHoldThroughTheApiDeletesOnlyTheCallers() {
        String id = hex(UUID.randomUUID());
        for (TestUsers user : List.of(OWNER, OTHER)) {
            user.request().body("{\"conversation_id\": \"" + id + "\"}").post("/api/conversations").then()
                    .statusCode(201);
        }
        postInfo(OWNER, info(UUID.fromString(id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")),
                null, "deleting", "2026-06-16T10:00:00Z")).then().statusCode(200);
        OWNER.request().get("/api/conversations/" + id).then().statusCode(404);
        OTHER.request().get("/api/conversations/" + id).then().statusCode(200);
    }

    @Test
    void theKeyInEitherHeaderDecidesTwoUsersKeysAreA401() {
        String id = hex(UUID.randomUUID());
        String body = "[" + message("k1", "keys") + "]";
        given().header("X-Session-API-Key", SANDBOX_KEY).contentType("application/json").body(body)
                .post(BASE + "/events/" + id).then().statusCode(401).body("detail", equalTo("Unauthorized"));
        given().header("X-Session-API-Key", SANDBOX_KEY).header("Authorization", "Bearer cs_unknown")
                .contentType("application/json").body(body).post(BASE + "/events/" + id).then().statusCode(401);
        given().header("X-Session-API-Key", OWNER.key()).header("Authorization", "Bearer " + OTHER.key())
                .contentType("application/json").body(body).post(BASE + "/events/" + id).then().statusCode(401);
        given().header("X-Session-API-Key", OWNER.key()).header("Authorization", "Bearer " + OWNER.key())
                .contentType("application/json").body(body).post(BASE + "/events/" + id).then().statusCode(200);
        given().header("X-Session-API-Key", OWNER.key()).header("Authorization", "Bearer not-a-key")
                .contentType("application/json").body(body).post(BASE + "/events/" + id).then().statusCode(200);
        // the same rule on every route
        given().header("X-Session-API-Key", SANDBOX_KEY).header("Authorization", "Bearer " + OWNER.key())
                .get("/api/conversations/" + id).then().statusCode(200);
        given().header("X-Session-API-Key", OWNER.key()).header("Authorization", "Bearer " + OTHER.key())
                .get("/api/conversations").then().statusCode(401);
    }

    @Test
    void badInputIsA4xxOrPassedOver() {
        String id = hex(UUID.randomUUID());
        postEvents(OWNER, "not-a-uuid", "[]").then().statusCode(422)
                .body("detail[0].loc", contains("path", "conversation_id"));
        postEvents(OWNER, id, "[{\"id\": ").then().statusCode(422);
        postEvents(OWNER, id, "\"text\"").then().statusCode(422);
        postEvents(OWNER, id, "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]").then().statusCode(422);
        // elements that cannot be read are passed over; the others are kept
        postEvents(OWNER, id, "[5, null, {\"kind\": \"MessageEvent\"}, {\"id\": [1], \"kind\": \"MessageEvent\"}, "
                + "{\"id\": \"s1\", \"kind\": \"StreamingDeltaEvent\", \"content\": \"partial\"}, "
                + "{\"id\": \"u1\", \"kind\": \"SomethingNew\"}, " + message("ok", "the numbat survived") + "]")
                .then().statusCode(200).body("success", equalTo(true)).body("indexed", equalTo(1))
                .body("skipped", equalTo(2)).body("failed", equalTo(4));
        search(OWNER, "numbat").then().body("results.conversation_id", contains(id));
        postInfo(OWNER, JSON.createObjectNode().put("id", "nope")).then().statusCode(422)
                .body("detail[0].loc", contains("body", "id"));
        agentServer(OWNER).body("[1]").post(BASE + "/conversations").then().statusCode(422);
        // wrong types in an info are not taken; a huge title is cut
        ObjectNode odd = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("title", "x".repeat(5000))
                .put("execution_status", 7).put("updated_at", "yesterday");
        odd.putArray("tags").add("a");
        odd.put("agent", "nope");
        postInfo(OWNER, odd).then().statusCode(200).body("applied", equalTo(true));
        OWNER.request().get("/api/conversations/" + AgentServerBodies.conversationId(odd.get("id").asText())).then()
                .statusCode(200).body("title", equalTo("x".repeat(200))).body("tags", hasSize(0));
    }

    static String message(String id, String text) {
        return "{\"id\": \"" + id + "\", \"timestamp\": \"2026-06-16T05:39:18.809928\", \"source\": \"user\", "
                + "\"kind\": \"MessageEvent\", \"llm_message\": {\"role\": \"user\", \"content\": [{\"type\": "
                + "\"text\", \"text\": \"" + text + "\"}]}, \"activated_skills\": [], \"extended_content\": []}";
    }
}
