package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import dev.convsearch.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The HTTP contract of create, read, search and count: shapes, defaults, errors and tenancy. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ConversationApiTest {

    private static final TestUsers USER = TestUsers.CAROL;
    private static final TestUsers OTHER = TestUsers.DAVE;

    @Test
    void createReturns201WithLocationAndEveryFieldOfConversationInfo() {
        String location = USER.request()
                .body(Map.of("conversation_id", "create-1", "title", "  Fix the build  ", "selected_repository",
                        "acme/app", "git_provider", "github", "trigger", "gui", "pr_number", List.of(7, 9),
                        "runtime_status", "STATUS$READY", "created_at", "2025-02-03T04:05:06.789123+02:00"))
                .post("/api/conversations")
                .then().statusCode(201)
                .header("Location", endsWith("/api/conversations/create-1"))
                .body("conversation_id", equalTo("create-1"))
                .body("title", equalTo("Fix the build"))
                .body("status", equalTo("STOPPED"))
                .body("runtime_status", equalTo("STATUS$READY"))
                .body("num_connections", equalTo(0))
                .body("pr_number", equalTo(List.of(7, 9)))
                .body("created_at", equalTo("2025-02-03T02:05:06.789Z"))
                .body("last_updated_at", equalTo("2025-02-03T02:05:06.789Z"))
                .body("url", nullValue())
                .extract().header("Location");

        Map<String, Object> read = USER.request().get(location).then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(List.of("conversation_id", "title", "last_updated_at", "status", "runtime_status",
                "selected_repository", "selected_branch", "git_provider", "trigger", "num_connections", "url",
                "session_api_key", "created_at", "pr_number", "tags", "archived", "parent_conversation_id",
                "sub_conversation_ids"), List.copyOf(read.keySet()));
    }

    @Test
    void charactersOutsideTheFirstPlaneAreWrittenAsUtf8AsFastApiWritesThem() {
        String title = "Ship it \uD83D\uDE80 caf\u00e9";
        USER.request().body(Map.of("conversation_id", "emoji-1", "title", title)).post("/api/conversations")
                .then().statusCode(201);

        byte[] body = USER.request().get("/api/conversations/emoji-1").then().statusCode(200)
                .extract().asByteArray();
        String raw = new String(body, StandardCharsets.UTF_8);
        assertTrue(raw.contains("\"title\":\"" + title + "\""), raw);
        assertFalse(raw.contains("\\u"), raw);
    }

    @Test
    void createWithoutIdGeneratesOneAndTheOpenHandsDefaultTitle() {
        USER.request().body("{}").post("/api/conversations")
                .then().statusCode(201)
                .body("conversation_id", matchesPattern("[0-9a-f]{32}"))
                .body("title", matchesPattern("Conversation [0-9a-f]{5}"))
                .body("created_at", notNullValue());
    }

    @Test
    void creatingAnIdTheCallerHasIs409ButAnotherUsersIdIsNoConflict() {
        USER.request().body(Map.of("conversation_id", "dup-1")).post("/api/conversations").then().statusCode(201);
        USER.request().body(Map.of("conversation_id", "dup-1")).post("/api/conversations")
                .then().statusCode(409).body("detail", equalTo("Conversation already exists"));
        OTHER.request().body(Map.of("conversation_id", "dup-1")).post("/api/conversations").then().statusCode(201);
    }

    @Test
    void anotherUsersConversationIsA404AndNeverInSearchOrCount() {
        OTHER.request().body(Map.of("conversation_id", "secret-1", "selected_repository", "other/secret"))
                .post("/api/conversations").then().statusCode(201);

        USER.request().get("/api/conversations/secret-1")
                .then().statusCode(404).body("detail", equalTo("Conversation not found"));
        USER.request().queryParam("selected_repository", "other/secret").get("/api/conversations")
                .then().statusCode(200).body("results", hasSize(0));
        USER.request().queryParam("selected_repository", "other/secret").get("/api/conversations/count")
                .then().statusCode(200).body(equalTo("0"));
        USER.request().queryParam("limit", 100).get("/api/conversations")
                .then().statusCode(200).body("results.conversation_id", not(hasItem("secret-1")));
    }

    @Test
    void missingUnknownAndMalformedKeysGetTheSame401() {
        for (ValidatableResponse response : List.of(
                given().get("/api/conversations").then(),
                given().header("X-Session-API-Key", "cs_wrong").get("/api/conversations").then(),
                given().header("X-Session-API-Key", "").get("/api/conversations").then(),
                given().header("Authorization", "Bearer ").get("/api/conversations/count").then(),
                given().header("Authorization", "Basic " + USER.key()).get("/api/conversations").then(),
                given().header("X-Session-API-Key", USER.key().toUpperCase()).get("/api/conversations").then(),
                given().header("X-Session-API-Key", OTHER.key() + "x").get("/api/conversations").then(),
                given().contentType(ContentType.JSON).body("{}").post("/api/conversations").then())) {
            response.statusCode(401).body(equalTo("{\"detail\":\"Unauthorized\"}"));
        }
    }

    @Test
    void aBearerTokenWorksLikeTheSessionHeader() {
        given().header("Authorization", "Bearer " + USER.key()).get("/api/conversations").then().statusCode(200);
    }

    @Test
    void everyBadQueryValueIsA422InFastApisShape() {
        Map<String, String> bad = Map.of(
                "limit", "int_parsing",
                "conversation_trigger", "enum",
                "sort_order", "enum",
                "created_at__gte", "datetime_parsing",
                "updated_at__lt", "datetime_parsing",
                "page_id", "value_error");
        bad.forEach((name, type) -> {
            for (String value : List.of("", "{\"$ne\": null}", ".*", "x".repeat(300))) {
                USER.request().queryParam(name, value).get("/api/conversations")
                        .then().statusCode(422)
                        .body("detail", hasSize(1))
                        .body("detail[0].loc", equalTo(List.of("query", name)))
                        .body("detail[0].type", equalTo(type))
                        .body("detail[0].msg", notNullValue());
            }
        });
    }

    @Test
    void limitIsBoundedToOneThroughHundred() {
        USER.request().queryParam("limit", 0).get("/api/conversations")
                .then().statusCode(422).body("detail[0].type", equalTo("greater_than_equal"));
        USER.request().queryParam("limit", 101).get("/api/conversations")
                .then().statusCode(422).body("detail[0].type", equalTo("less_than_equal"));
        USER.request().queryParam("limit", "99999999999999999999").get("/api/conversations")
                .then().statusCode(422).body("detail[0].type", equalTo("int_parsing"));
        USER.request().queryParam("limit", 100).get("/api/conversations").then().statusCode(200);
        USER.request().queryParam("limit", 1).get("/api/conversations").then().statusCode(200);
    }

    @Test
    void allBadValuesAreReportedTogether() {
        USER.request().queryParam("limit", "x").queryParam("conversation_trigger", "nope")
                .get("/api/conversations")
                .then().statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("query", "conversation_trigger"),
                        List.of("query", "limit"))));
    }

    @Test
    void aBadCursorIsReportedWithTheOtherBadValues() {
        USER.request().queryParam("limit", 0).queryParam("page_id", "zz").get("/api/conversations")
                .then().statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("query", "limit"), List.of("query", "page_id"))));
        USER.request().queryParam("conversation_trigger", "nope").queryParam("page_id", "zz").get("/api/conversations")
                .then().statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("query", "conversation_trigger"),
                        List.of("query", "page_id"))));
    }

    @Test
    void aLongRequestLineStillGetsItsValidationError() {
        USER.request().queryParam("page_id", "A".repeat(5000)).get("/api/conversations")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "page_id")))
                .body("detail[0].type", equalTo("value_error"));
        USER.request().queryParam("title__contains", "x".repeat(12_000)).get("/api/conversations/count")
                .then().statusCode(422)
                .body("detail[0].type", equalTo("string_too_long"));
    }

    @Test
    void bodyLimitsAnswerInTheSameShape() throws Exception {
        // written by hand: HTTP clients choose for themselves whether to send a length
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/conversations HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Session-API-Key: " + USER.key() + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HTTP/1.1 411 Length Required", answer.readLine());
            int length = 0;
            for (String header = answer.readLine(); !header.isEmpty(); header = answer.readLine()) {
                if (header.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring("content-length:".length()).strip());
                }
            }
            char[] body = new char[length];
            assertEquals(length, answer.read(body));
            assertEquals("{\"detail\":\"Length Required: send JSON bodies with a Content-Length\"}", new String(body));
        }
        USER.request().body("{\"title\": \"" + "x".repeat(1_100_000) + "\"}").post("/api/conversations")
                .then().statusCode(413).body("detail", containsString("too large"));
    }

    @Test
    void unknownQueryParametersAreIgnoredAndTheLastRepeatCounts() {
        USER.request().queryParam("bogus", "1").get("/api/conversations").then().statusCode(200);
        USER.request().queryParam("limit", "0", "5").get("/api/conversations").then().statusCode(200);
    }

    @Test
    void badBodiesAreA422InFastApisShape() {
        expectBodyError("{\"title\": \"x\", \"bogus\": 1}", List.of("body", "bogus"), "extra_forbidden");
        expectBodyError("{\"trigger\": \"nope\"}", List.of("body", "trigger"), "enum");
        expectBodyError("{\"status\": \"DONE\"}", List.of("body", "status"), "enum");
        expectBodyError("{\"num_connections\": \"many\"}", List.of("body", "num_connections"), "int_parsing");
        expectBodyError("{\"num_connections\": -1}", List.of("body", "num_connections"), "greater_than_equal");
        expectBodyError("{\"pr_number\": [1, null]}", List.of("body", "pr_number", 1), "int_type");
        expectBodyError("{\"title\": \"   \"}", List.of("body", "title"), "string_too_short");
        expectBodyError("{\"title\": \"" + "t".repeat(201) + "\"}", List.of("body", "title"), "string_too_long");
        expectBodyError("{\"conversation_id\": \"../etc\"}", List.of("body", "conversation_id"),
                "string_pattern_mismatch");
        expectBodyError("{\"conversation_id\": \"a b\"}", List.of("body", "conversation_id"),
                "string_pattern_mismatch");
        expectBodyError("{\"conversation_id\": \"count\"}", List.of("body", "conversation_id"),
                "string_pattern_mismatch");
        expectBodyError("{\"conversation_id\": \"" + "a".repeat(101) + "\"}", List.of("body", "conversation_id"),
                "string_pattern_mismatch");
        expectBodyError("{\"created_at\": \"yesterday\"}", List.of("body", "created_at"), "datetime_parsing");
        expectBodyError("{\"title\": {\"$ne\": null}}", List.of("body", "title"), "string_type");
        // regression: numbers and booleans were coerced into strings, which pydantic refuses
        expectBodyError("{\"title\": 5}", List.of("body", "title"), "string_type");
        expectBodyError("{\"session_api_key\": true}", List.of("body", "session_api_key"), "string_type");
        expectBodyError("{\"title\": ", List.of("body"), "json_invalid");
        expectBodyError("[]", List.of("body"), "model_type");
        expectBodyError("", List.of("body"), "missing");
    }

    @Test
    void operatorLikeStringsAreStoredAndMatchedLiterally() {
        String repository = "{\"$ne\": null}";
        USER.request().body(Map.of("conversation_id", "literal-1", "selected_repository", repository, "title",
                "$where: 1 .*"))
                .post("/api/conversations").then().statusCode(201);

        USER.request().queryParam("selected_repository", repository).get("/api/conversations")
                .then().statusCode(200).body("results.conversation_id", equalTo(List.of("literal-1")));
        USER.request().queryParam("title__contains", "$WHERE: 1 .*").get("/api/conversations")
                .then().statusCode(200).body("results.conversation_id", equalTo(List.of("literal-1")));
        USER.request().queryParam("title__contains", ".*").queryParam("limit", 100).get("/api/conversations")
                .then().statusCode(200).body("results", not(empty()))
                .body("results.title", everyItem(containsString(".*")));
        USER.request().urlEncodingEnabled(false).get("/api/conversations/%7B%22%24ne%22%3A%20null%7D")
                .then().statusCode(404);
    }

    @Test
    void unknownPathsAndMethodsAnswerInTheSameShape() {
        USER.request().get("/api/nothing").then().statusCode(404).body("detail", equalTo("Not Found"));
        USER.request().put("/api/conversations").then().statusCode(405).body("detail", notNullValue());
        USER.request().contentType("text/plain").body("x").post("/api/conversations")
                .then().statusCode(415).body("detail", notNullValue());
        // regression: errors were written with toString() when the client accepted no JSON
        USER.request().accept("application/xml").get("/api/conversations")
                .then().statusCode(406).contentType(ContentType.JSON).body("detail", equalTo("Not Acceptable"));
    }

    private static void expectBodyError(String body, List<Object> loc, String type) {
        USER.request().body(body).post("/api/conversations")
                .then().statusCode(422)
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", notNullValue());
    }
}
