package dev.convsearch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The stored OpenAPI document (src/main/resources/openapi, what the service serves), as a client generator and a linter read
 * it: it parses
 * without a message, and it has what Redocly's recommended rules ask (servers, a license, every operation named, summed
 * up and answering a 4xx, every parameter described) and what a client needs (FastAPI-style operation ids that do not
 * change with a path; examples of the main schemas).
 */
class OpenApiDocumentIT {

    private static final Path DOCUMENT = Path.of("src", "main", "resources", "openapi", "openapi.yaml");

    @Test
    void theStoredDocumentParsesWithoutAMessage() {
        assertTrue(Files.exists(DOCUMENT), DOCUMENT + " is stored");
        SwaggerParseResult result = parse();
        assertEquals(List.of(), result.getMessages());
        assertNotNull(result.getOpenAPI());
    }

    @Test
    void itHasServersAndALicense() {
        OpenAPI document = parse().getOpenAPI();
        assertFalse(document.getServers() == null || document.getServers().isEmpty(), "servers");
        document.getServers()
                .forEach(server -> assertFalse(
                        server.getUrl().isBlank() || server.getUrl().length() > 1 && server.getUrl().endsWith("/"),
                        "a server URL without a trailing slash: " + server.getUrl()));
        document.getServers().forEach(server -> assertFalse(
                server.getUrl().contains("localhost") || server.getUrl().contains("example.com"),
                "a server URL that is not a placeholder: " + server.getUrl()));
        assertNotNull(document.getInfo().getLicense(), "a license");
        assertNotNull(document.getInfo().getLicense().getUrl(), "the license's URL");
    }

    @Test
    void everyOperationIsNamedSummedUpAndAnswersA4xx() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        forEachOperation((where, operation) -> {
            String id = operation.getOperationId();
            if (id == null || !id.matches("[a-z0-9_]+") || !ids.add(id)) {
                problems.add(where + ": operationId " + id);
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                problems.add(where + ": summary");
            }
            if (operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                problems.add(where + ": no 4xx response");
            }
            if (operation.getTags() == null || operation.getTags().isEmpty()) {
                problems.add(where + ": tag");
            }
            for (Parameter parameter : operation.getParameters() == null ? List.<Parameter> of()
                    : operation.getParameters()) {
                Parameter resolved = parameter.get$ref() == null ? parameter
                        : parse().getOpenAPI().getComponents().getParameters()
                                .get(parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1));
                if (resolved.getDescription() == null || resolved.getDescription().isBlank()) {
                    problems.add(where + ": parameter " + resolved.getName() + " has no description");
                }
            }
        });
        assertEquals(List.of(), problems);
        assertTrue(ids.contains("search_conversations_api_conversations_get"), "the seed's id: " + ids);
        assertTrue(ids.size() >= 15, "every operation: " + ids);
    }

    @Test
    void theMainSchemasHaveExamples() {
        Map<String, Schema> schemas = parse().getOpenAPI().getComponents().getSchemas();
        for (String name : List.of("NewConversation", "ConversationInfo", "ConversationInfoResultSet",
                "AppConversationPage", "ImportResult")) {
            Schema<?> schema = schemas.get(name);
            assertNotNull(schema, name);
            // OpenAPI 3.1 lists examples ("examples"); 3.0 had one ("example")
            boolean hasExample = schema.getExample() != null
                    || (schema.getExamples() != null && !schema.getExamples().isEmpty());
            assertTrue(hasExample, name + " has an example");
        }
    }

    private interface OperationVisitor {
        void visit(String where, Operation operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        parse().getOpenAPI().getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                visitor.visit(entry.getKey() + " " + path, entry.getValue());
            }
        });
    }

    private static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        return new OpenAPIV3Parser().readLocation(DOCUMENT.toString(), null, options);
    }
}
