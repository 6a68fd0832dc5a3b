package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.convsearch.support.MongoWireServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Compares our {@code /q/openapi} with the OpenHands spec of the endpoint (src/test/resources): ours is a superset.
 * Parameter names and enums, the response schemas, every ConversationInfo property (ours has the organising ones too),
 * and the API key security scheme.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class OpenApiContractTest {

    private static final String SEARCH = "/api/conversations";

    private JsonNode spec;
    private JsonNode ours;

    @BeforeEach
    void load() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/search-conversations.openapi.yaml")) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        ours = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void searchHasEverySpecParameterWithItsTypeAndEnum() {
        for (JsonNode specParam : spec.at("/paths/~1api~1conversations/get/parameters")) {
            String name = specParam.get("name").asText();
            JsonNode ourParam = parameter(name);
            assertEquals("query", ourParam.get("in").asText(), name);
            assertEquals(enumValues(spec, specParam.get("schema")), enumValues(ours, ourParam.get("schema")), name);
        }
        JsonNode limit = resolve(ours, parameter("limit").get("schema"));
        assertEquals("integer", limit.get("type").asText());
        assertEquals(20, limit.get("default").asInt());
    }

    @Test
    void searchAnswersAConversationInfoResultSet() {
        JsonNode ok = resolve(ours, ours.at("/paths/~1api~1conversations/get/responses/200/content/application~1json/schema"));
        JsonNode specOk = resolve(spec,
                spec.at("/paths/~1api~1conversations/get/responses/200/content/application~1json/schema"));
        assertEquals(propertyNames(specOk), propertyNames(ok));
        JsonNode items = resolve(ours, ok.at("/properties/results/items"));
        assertTrue(propertyNames(items).containsAll(propertyNames(schema(spec, "ConversationInfo"))),
                "every property of the spec's ConversationInfo: " + propertyNames(items));

        JsonNode invalid = resolve(ours,
                ours.at("/paths/~1api~1conversations/get/responses/422/content/application~1json/schema"));
        assertEquals(propertyNames(schema(spec, "HTTPValidationError")), propertyNames(invalid));
        assertEquals(propertyNames(schema(spec, "ValidationError")),
                propertyNames(resolve(ours, invalid.at("/properties/detail/items"))));
    }

    @Test
    void conversationInfoHasEverySpecPropertyRequiredFieldAndEnum() {
        JsonNode specInfo = schema(spec, "ConversationInfo");
        JsonNode ourInfo = schema(ours, "ConversationInfo");
        assertTrue(propertyNames(ourInfo).containsAll(propertyNames(specInfo)),
                "every property of the spec's ConversationInfo: " + propertyNames(ourInfo));
        for (JsonNode required : specInfo.get("required")) {
            assertTrue(textValues(ourInfo.get("required")).contains(required.asText()), required.asText());
        }
        specInfo.get("properties").fieldNames().forEachRemaining(name -> assertEquals(
                enumValues(spec, specInfo.get("properties").get(name)),
                enumValues(ours, ourInfo.get("properties").get(name)), name));
    }

    @Test
    void theSpecEnumsAreOursToTheLetter() {
        for (String name : List.of("ConversationTrigger", "ConversationStatus", "RuntimeStatus", "ProviderType")) {
            assertEquals(textValues(schema(spec, name).get("enum")), textValues(schema(ours, name).get("enum")), name);
        }
    }

    @Test
    void searchIsProtectedByTheSpecApiKeyHeader() {
        JsonNode scheme = ours.at("/components/securitySchemes/APIKeyHeader");
        assertEquals(spec.at("/components/securitySchemes/APIKeyHeader"), scheme);
        List<String> requirements = new ArrayList<>();
        ours.at("/paths/~1api~1conversations/get/security")
                .forEach(requirement -> requirement.fieldNames().forEachRemaining(requirements::add));
        assertTrue(requirements.contains("APIKeyHeader"), requirements.toString());
    }

    private JsonNode parameter(String name) {
        for (JsonNode param : ours.at("/paths/~1api~1conversations/get/parameters")) {
            JsonNode resolved = resolve(ours, param);
            if (name.equals(resolved.path("name").asText())) {
                return resolved;
            }
        }
        throw new AssertionError("no parameter " + name + " on GET " + SEARCH);
    }

    private static JsonNode schema(JsonNode doc, String name) {
        JsonNode schema = doc.at("/components/schemas/" + name);
        assertTrue(!schema.isMissingNode(), name + " is missing");
        return schema;
    }

    /** The node itself, or what its {@code $ref} points at. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        assertNotNull(node);
        while (node.has("$ref")) {
            node = doc.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** The enum values a schema allows, looking through {@code $ref} and {@code anyOf}; empty when not an enum. */
    private static Set<String> enumValues(JsonNode doc, JsonNode schema) {
        JsonNode resolved = resolve(doc, schema);
        Set<String> values = new LinkedHashSet<>(textValues(resolved.get("enum")));
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            if (resolved.has(combinator)) {
                resolved.get(combinator).forEach(option -> values.addAll(enumValues(doc, option)));
            }
        }
        return values;
    }

    private static Set<String> propertyNames(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
