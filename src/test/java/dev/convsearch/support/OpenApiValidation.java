package dev.convsearch.support;

import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.allOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.anyOf;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.headerContainsSubstring;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageContainsRegexp;
import static com.atlassian.oai.validator.whitelist.rule.WhitelistRules.messageHasKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Checks every request and response the tests make through RestAssured against the stored OpenAPI document
 * ({@code src/main/resources/openapi/openapi.yaml}, the one the service serves) with Atlassian's
 * swagger-request-validator: an answer that leaves the document fails its test with the validator's message. It is
 * installed before every test of every {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} (a Quarkus test
 * callback, {@code META-INF/services}; {@code quarkus.test.enable-callbacks-for-integration-tests} for the ITs), so a
 * new endpoint is covered as soon as a test calls it.
 * <p>
 * Every response is checked. A request is checked when the service took it (a status below 400): one it refused was
 * bad on purpose, and only its answer must keep the document. What the service takes beyond the document on purpose,
 * as FastAPI and pydantic do, is listed in {@link #ACCEPTED}, each rule with its reason.
 */
public class OpenApiValidation implements QuarkusTestBeforeEachCallback {

    static final Path DOCUMENT = Path.of("src", "main", "resources", "openapi", "openapi.yaml");
    private static final Set<String> FASTAPI_BOOLEANS = Set.of("true", "false", "1", "0", "yes", "no", "on", "off");

    /** What the service takes or answers beyond the document, on purpose. */
    static final ValidationErrorsWhitelist ACCEPTED = ValidationErrorsWhitelist.create()
            .withRule("Not in the document: unknown paths and methods (404, 405) and CORS preflights",
                    anyOf(messageHasKey("validation.request.path.missing"),
                            messageHasKey("validation.request.operation.notAllowed")))
            .withRule("FastAPI: a repeated query parameter counts by its last value",
                    messageHasKey("validation.request.parameter.collection.invalid"))
            .withRule("FastAPI: an empty query value is a value (selected_repository= matches \"\")",
                    queryValues((parameter, values) -> values.contains("")))
            .withRule("A query value spelled null is that text (the validator reads a list's items as JSON)",
                    allOf(messageContainsRegexp("Instance type \\(null\\)"),
                            queryValues((parameter, values) -> values.contains("null"))))
            .withRule("FastAPI: a query boolean is also 1/0, yes/no or on/off, in any case",
                    queryValues((parameter, values) -> parameter.getSchema() != null
                            && "boolean".equals(parameter.getSchema().getType())
                            && FASTAPI_BOOLEANS.contains(values.get(values.size() - 1).strip().toLowerCase(Locale.ROOT))))
            .withRule("pydantic's lax mode: a body's boolean or integer may be given as a string",
                    allOf(messageHasKey("validation.request.body.schema.type"), messageContainsRegexp(
                            "Instance type \\(string\\) does not match .*allowed: \\[\"(boolean|integer)\"(,\"null\")?\\]")))
            .withRule("pydantic's lax mode: a body's date-time may be given as a number (seconds since 1970)",
                    allOf(messageHasKey("validation.request.body.schema.anyOf"),
                            (message, operation, request, response) -> request != null && message.getMessage()
                                    .matches("(?s).*\\[Path '/(created_at|last_updated_at)'\\].*")
                                    && numberAt(request, message.getMessage())))
            .withRule("A request that names no media type (Content-Type: */*) is read as the operation's own",
                    allOf(messageHasKey("validation.request.contentType.notAllowed"),
                            headerContainsSubstring("Content-Type", "*/*")))
            .withRule("The HTTP server's own answers, without a body, before the API: 403 to an origin CORS does "
                    + "not allow, 414 and 431 for a request line or headers over the limits",
                    (message, operation, request, response) -> response != null
                            && Set.of(403, 414, 431).contains(response.getStatus())
                            && response.getBody().orElse("").isEmpty());

    private static final Filter FILTER = OpenApiValidation::validated;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.replaceFiltersWith(FILTER);
    }

    /** Sends the request, then fails with the validator's messages when the exchange leaves the document. */
    private static Response validated(FilterableRequestSpecification requestSpec,
            FilterableResponseSpecification responseSpec, FilterContext context) {
        Response response = context.next(requestSpec, responseSpec);
        Request request = RestAssuredRequest.of(requestSpec);
        OpenApiInteractionValidator validator = validator();
        ValidationReport report = response.statusCode() < 400
                ? validator.validate(request, RestAssuredResponse.of(response))
                : validator.validateResponse(request.getPath(), request.getMethod(), RestAssuredResponse.of(response));
        if (report.hasErrors()) {
            throw new AssertionError(requestSpec.getMethod() + " " + requestSpec.getURI() + " -> " + response.statusCode()
                    + " leaves the OpenAPI document " + DOCUMENT + ":\n" + report.getMessages().stream()
                            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                            .map(message -> "  " + message.getKey() + ": " + message.getMessage())
                            .collect(Collectors.joining("\n")));
        }
        return response;
    }

    /** The validator of the stored document, with {@link #ACCEPTED}. */
    static OpenApiInteractionValidator validator() {
        return Validator.INSTANCE;
    }

    /** Whether the field a body finding names ({@code [Path '/name']}) holds a number in the request's body. */
    private static boolean numberAt(Request request, String finding) {
        Matcher path = Pattern.compile("\\[Path '/([a-z_]+)'\\]").matcher(finding);
        try {
            return path.find() && request.getRequestBody().isPresent() && new ObjectMapper()
                    .readTree(request.getRequestBody().get().toString(StandardCharsets.UTF_8)).path(path.group(1))
                    .isNumber();
        } catch (IOException e) {
            return false;
        }
    }

    /** A rule on a query parameter's finding, given the parameter and its values in the request. */
    private static WhitelistRule queryValues(QueryValuesRule rule) {
        return (message, operation, request, response) -> {
            Parameter parameter = message.getContext().flatMap(ValidationReport.MessageContext::getParameter)
                    .orElse(null);
            if (request == null || parameter == null || !"query".equals(parameter.getIn())) {
                return false;
            }
            Collection<String> values = request.getQueryParameterValues(parameter.getName());
            return !values.isEmpty() && rule.accepts(parameter, List.copyOf(values));
        };
    }

    @FunctionalInterface
    private interface QueryValuesRule {
        boolean accepts(Parameter parameter, List<String> values);
    }

    /** Made once, on first use (the holder idiom). */
    private static final class Validator {
        static final OpenApiInteractionValidator INSTANCE = create();

        private static OpenApiInteractionValidator create() {
            try {
                JsonNode document = new YAMLMapper().readTree(DOCUMENT.toFile());
                return OpenApiInteractionValidator
                        .createForInlineApiSpecification(new ObjectMapper().writeValueAsString(asOpenApi30(document)))
                        .withResolveRefs(true).withWhitelist(ACCEPTED).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The document in OpenAPI 3.0's spelling, which the validator reads (of a 3.1 document's schemas it reads no
     * types, and so checks almost nothing): {@code type: [X, "null"]} becomes {@code type: X, nullable: true}, and the
     * schemas' {@code examples} lists are left out. Alternatives of {@code type: "null"} ({@code anyOf}) stay: the
     * validator's JSON Schema reads them as JSON Schema does.
     */
    static JsonNode asOpenApi30(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("type") instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(type -> named.add(type.asText()));
                if (named.remove("null")) {
                    object.put("nullable", true);
                }
                object.put("type", named.get(0));
            }
            if (object.get("examples") instanceof ArrayNode) {
                object.remove("examples");
            }
            if (object.has("openapi")) {
                object.put("openapi", "3.0.3");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                asOpenApi30(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiValidation::asOpenApi30);
        }
        return node;
    }
}
