package dev.convsearch.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service serves the OpenAPI document stored in src/main/resources/openapi. Here (a {@code @QuarkusTest}) SmallRye
 * OpenAPI makes the document from the annotations and serves it: this test fails when the stored one differs, and
 * with {@code -Dopenapi.update=true} writes it instead. {@link StoredOpenApiDocumentIT} asks the packaged
 * application, which serves the stored one the same way.
 */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class StoredOpenApiDocumentTest {

    private static final Path STORED = Path.of("src", "main", "resources", "openapi");
    private static final String UPDATE = "openapi.update";

    /** Whether SmallRye OpenAPI made the document served here (not so against the packaged application). */
    boolean generated() {
        return true;
    }

    @Test
    void theServedDocumentIsTheStoredOneInBothFormats() throws IOException {
        String yaml = given().get("/q/openapi").then().statusCode(200)
                .header("Content-Type", equalTo("application/yaml;charset=UTF-8")).extract().asString();
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .header("Content-Type", equalTo("application/json;charset=UTF-8")).extract().asString();
        if (generated() && Boolean.getBoolean(UPDATE)) {
            Files.writeString(STORED.resolve("openapi.yaml"), yaml);
            Files.writeString(STORED.resolve("openapi.json"), json);
        }
        assertEquals(stored("openapi.yaml"), yaml, "the stored openapi.yaml is out of date: run "
                + "./mvnw test -Dtest=StoredOpenApiDocumentTest -D" + UPDATE + "=true");
        assertEquals(stored("openapi.json"), json, "the stored openapi.json is out of date: run "
                + "./mvnw test -Dtest=StoredOpenApiDocumentTest -D" + UPDATE + "=true");
    }

    @Test
    void everyWayOfAskingGivesTheFormatAsked() {
        String json = given().get("/q/openapi.json").then().statusCode(200)
                .header("Content-Type", equalTo("application/json;charset=UTF-8")).extract().asString();
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body(equalTo(json));
        given().queryParam("format", "JSON").get("/q/openapi").then().statusCode(200).body(equalTo(json));
        String yaml = given().get("/q/openapi.yaml").then().statusCode(200)
                .header("Content-Type", equalTo("application/yaml;charset=UTF-8")).extract().asString();
        given().get("/q/openapi.yml").then().statusCode(200).body(equalTo(yaml));
        given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).body(equalTo(yaml));
        given().head("/q/openapi").then().statusCode(200)
                .header("Content-Type", equalTo("application/yaml;charset=UTF-8"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static String stored(String name) throws IOException {
        return Files.readString(STORED.resolve(name), StandardCharsets.UTF_8);
    }
}
