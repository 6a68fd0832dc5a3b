package dev.convsearch.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The validation every test's requests and responses go through can fail: the stored document, as the validator reads
 * it, refuses what it does not say, and takes what it says.
 */
class OpenApiValidationTest {

    private static final String CONVERSATION = "{\"conversation_id\": \"c1\", \"title\": \"Fix\", "
            + "\"last_updated_at\": \"2025-01-31T12:00:00Z\", \"status\": \"STOPPED\", \"runtime_status\": null, "
            + "\"selected_repository\": null, \"selected_branch\": null, \"git_provider\": null, \"trigger\": null, "
            + "\"num_connections\": 0, \"url\": null, \"session_api_key\": null, "
            + "\"created_at\": \"2025-01-31T11:00:00Z\", \"pr_number\": [], \"tags\": [], \"archived\": false, "
            + "\"parent_conversation_id\": null, \"sub_conversation_ids\": []}";

    @Test
    void aPageAsTheServiceWritesItConforms() {
        assertFalse(searchAnswering("{\"results\": [" + CONVERSATION + "], \"next_page_id\": null}").hasErrors());
    }

    @Test
    void whatTheDocumentDoesNotSayIsRefused() {
        for (String[] change : new String[][] { { "\"title\": \"Fix\"", "\"title\": null" },
                { "\"selected_repository\": null", "\"selected_repository\": 5" },
                { "\"trigger\": null", "\"trigger\": \"carrier-pigeon\"" },
                { "\"pr_number\": []", "\"pr_number\": [null]" },
                { "\"archived\": false", "\"archived\": \"no\"" } }) {
            String page = "{\"results\": [" + CONVERSATION.replace(change[0], change[1]) + "], \"next_page_id\": null}";
            assertTrue(searchAnswering(page).hasErrors(), change[1]);
        }
        assertTrue(searchAnswering("{\"results\": null, \"next_page_id\": null}").hasErrors());
    }

    @Test
    void aBatchGetIsAListNeverNullWhoseItemsMayBe() {
        Request batchGet = SimpleRequest.Builder.get("/api/v1/app-conversations").withQueryParam("ids", "a").build();
        assertFalse(OpenApiValidation.validator().validateResponse(batchGet.getPath(), batchGet.getMethod(),
                json(200, "[null]")).hasErrors());
        assertTrue(OpenApiValidation.validator().validateResponse(batchGet.getPath(), batchGet.getMethod(),
                json(200, "null")).hasErrors());
    }

    @Test
    void aStatusTheDocumentDoesNotDeclareMustCarryItsErrorShape() {
        Request search = SimpleRequest.Builder.get("/api/conversations").build();
        assertFalse(OpenApiValidation.validator().validateResponse(search.getPath(), search.getMethod(),
                json(503, "{\"detail\": \"Service unavailable\"}")).hasErrors());
        assertTrue(OpenApiValidation.validator().validateResponse(search.getPath(), search.getMethod(),
                json(503, "{\"error\": \"down\"}")).hasErrors());
    }

    private static ValidationReport searchAnswering(String body) {
        Request search = SimpleRequest.Builder.get("/api/conversations").build();
        return OpenApiValidation.validator().validateResponse(search.getPath(), search.getMethod(), json(200, body));
    }

    private static SimpleResponse json(int status, String body) {
        return SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build();
    }
}
