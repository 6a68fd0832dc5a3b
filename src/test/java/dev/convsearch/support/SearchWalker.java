package dev.convsearch.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** Pages through a search the way a client does, checking the page contract on the way. */
public final class SearchWalker {

    /** A search endpoint: where it is, which field of its page holds the items and which field of an item the id. */
    public record Surface(String path, String items, String id, String countPath) {
    }

    /** {@code /api/conversations}. */
    public static final Surface CONVERSATIONS = new Surface("/api/conversations", "results", "conversation_id",
            "/api/conversations/count");
    /** The OpenHands V1 surface. */
    public static final Surface APP_CONVERSATIONS = new Surface("/api/v1/app-conversations/search", "items", "id",
            "/api/v1/app-conversations/count");

    /** Pages are read with Jackson: RestAssured's Groovy JsonPath cost more than the requests in long walks. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchWalker() {
    }

    /** {@link #walk(TestUsers, Surface, Map, int)} of {@code /api/conversations}. */
    public static List<String> walk(TestUsers user, Map<String, ?> params, int limit) {
        return walk(user, CONVERSATIONS, params, limit);
    }

    /**
     * The ids of every page of the search {@code params} describes on {@code surface} (a list value is a repeated
     * parameter), following next_page_id to the end. Asserts that every page but the last is full, that only the last
     * has no next_page_id, and that no id comes twice (a cursor that turns back would otherwise walk forever).
     */
    public static List<String> walk(TestUsers user, Surface surface, Map<String, ?> params, int limit) {
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String pageId = null;
        do {
            Map<String, Object> query = new HashMap<>(params);
            query.put("limit", limit);
            if (pageId != null) {
                query.put("page_id", pageId);
            }
            JsonNode page = page(user.request().queryParams(query).get(surface.path()));
            JsonNode items = page.get(surface.items());
            pageId = page.get("next_page_id").isNull() ? null : page.get("next_page_id").asText();
            for (JsonNode item : items) {
                String id = item.get(surface.id()).asText();
                if (!seen.add(id)) {
                    throw new AssertionError("an id twice in one walk: " + id + " after " + ids + ", " + params);
                }
                ids.add(id);
            }
            if (pageId != null) {
                assertEquals(limit, items.size(), "a page before the last is full: " + params);
            } else {
                assertTrue(items.size() <= limit, "last page of " + params);
            }
        } while (pageId != null);
        return ids;
    }

    /** What {@code surface}'s count answers for {@code params}. */
    public static long count(TestUsers user, Surface surface, Map<String, ?> params) {
        return page(user.request().queryParams(params).get(surface.countPath())).asLong();
    }

    private static JsonNode page(Response response) {
        response.then().statusCode(200);
        try {
            return JSON.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
