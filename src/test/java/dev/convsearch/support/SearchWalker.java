package dev.convsearch.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Pages through a search the way a client does, checking the page contract on the way. */
public final class SearchWalker {

    private SearchWalker() {
    }

    /**
     * The ids of every page of the search {@code params} describes (a list value is a repeated parameter), following
     * next_page_id to the end. Asserts that every page but the last is full and that only the last has no next_page_id.
     */
    public static List<String> walk(TestUsers user, Map<String, ?> params, int limit) {
        List<String> ids = new ArrayList<>();
        String pageId = null;
        for (int pages = 0; pages < 10_000; pages++) {
            Map<String, Object> query = new HashMap<>(params);
            query.put("limit", limit);
            if (pageId != null) {
                query.put("page_id", pageId);
            }
            JsonPath page = user.request().queryParams(query).get("/api/conversations")
                    .then().statusCode(200).extract().jsonPath();
            List<String> pageIds = page.getList("results.conversation_id");
            pageId = page.getString("next_page_id");
            ids.addAll(pageIds);
            if (pageId == null) {
                assertTrue(pageIds.size() <= limit, "last page of " + params);
                return ids;
            }
            assertEquals(limit, pageIds.size(), "a page before the last is full: " + params);
        }
        throw new AssertionError("search did not end: " + params);
    }
}
