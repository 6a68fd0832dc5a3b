package dev.convsearch.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.convsearch.api.Timestamps;
import dev.convsearch.repository.ConversationRepository;
import dev.convsearch.service.ConversationTexts;
import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A delete cut short between its two steps (a crash or an outage after the conversation was deleted, before its texts
 * were): the state it leaves is made here by deleting the conversation alone. A conversation made again with that id
 * (created, imported, or seen by the live feed) never shows the events of its earlier life.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class StartAnewTest {

    private static final TestUsers USER = TestUsers.MIA;

    @Inject
    ConversationRepository conversations;

    @Inject
    ConversationTexts texts;

    @BeforeEach
    void ready() {
        ContentSearchTest.awaitSearchReady();
    }

    /** A conversation with an event, then only its first delete step: the conversation is gone, its texts are not. */
    private void cutShort(String id, String word) {
        USER.request().body("{\"conversation_id\": \"" + id + "\", \"title\": \"First life\"}").post("/api/conversations")
                .then().statusCode(201);
        USER.request().body("[" + WebhookTest.message("e1", "the " + word + " of the first life") + "]")
                .post("/api/conversations/" + id + "/events").then().statusCode(200);
        USER.request().queryParam("q", word).get("/api/conversations").then().body("results", hasSize(1));
        conversations.delete(USER.id(), id).await().indefinitely();
    }

    @Test
    void createdAgainItShowsNothingOfItsEarlierLife() {
        cutShort("anew-created", "pangolin");
        USER.request().body("{\"conversation_id\": \"anew-created\", \"title\": \"Second life\"}")
                .post("/api/conversations").then().statusCode(201);
        USER.request().queryParam("q", "pangolin").get("/api/conversations").then().body("results", hasSize(0));
        USER.request().queryParam("q", "pangolin").get("/api/conversations/count").then().body(equalTo("0"));
        USER.request().queryParam("q", "first life").get("/api/conversations").then().body("results", hasSize(0));
        USER.request().queryParam("q", "second life").get("/api/conversations").then()
                .body("results.conversation_id", contains("anew-created"));
    }

    /**
     * The feed's info and first events come at once: the one that made the conversation starts it anew while the other
     * already keeps its events. What was written after the conversation was made stays, whenever starting anew runs.
     */
    @Test
    void startingAnewLeavesWhatWasWrittenSinceTheConversationWasMade() throws InterruptedException {
        USER.request().body("{\"conversation_id\": \"anew-race\", \"title\": \"Raced\"}")
                .post("/api/conversations").then().statusCode(201);
        Instant made = Timestamps.now();
        Thread.sleep(5);
        USER.request().body("[" + WebhookTest.message("r1", "the quetzal of the new life") + "]")
                .post("/api/conversations/anew-race/events").then().statusCode(200);
        texts.startAnew(USER.id(), Map.of("anew-race", "Raced"), made).await().indefinitely();
        USER.request().queryParam("q", "quetzal").get("/api/conversations").then()
                .body("results.conversation_id", contains("anew-race"));
    }

    @Test
    void importedAgainItShowsNothingOfItsEarlierLife() {
        cutShort("anew-imported", "axolotl");
        USER.request().contentType("application/x-ndjson")
                .body("{\"conversation_id\": \"anew-imported\", \"title\": \"Imported\"}\n"
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/conversations/import").then().statusCode(200).body("created", equalTo(1));
        USER.request().queryParam("q", "axolotl").get("/api/conversations").then().body("results", hasSize(0));
    }

    @Test
    void seenAgainByTheLiveFeedItKeepsOnlyItsNewEvents() {
        String id = UUID.randomUUID().toString().replace("-", "");
        cutShort(id, "okapi");
        WebhookTest.postEvents(USER, id, "[" + WebhookTest.message("e2", "a second okapi and a tapir") + "]").then()
                .statusCode(200).body("indexed", equalTo(1));
        USER.request().queryParam("q", "tapir").get("/api/conversations").then()
                .body("results.conversation_id", contains(id));
        USER.request().queryParam("q", "first life").get("/api/conversations").then().body("results", hasSize(0));
        USER.request().queryParam("q", "okapi").get("/api/conversations").then()
                .body("results[0].text_matches", hasSize(1))
                .body("results[0].text_matches[0].event_id", equalTo("e2"));
    }
}
