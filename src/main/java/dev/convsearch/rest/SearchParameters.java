package dev.convsearch.rest;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.SortOrder;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.SearchFilter;

/**
 * The query string of search and count, read as FastAPI reads it: an absent parameter is null, an empty one is the
 * value "" ({@code limit=} is a 422, {@code selected_repository=} matches only ""), a repeated one counts by its last
 * value, and unknown ones are ignored. (JAX-RS' {@code @QueryParam} turns "" into null, so the raw map is read here.)
 */
final class SearchParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Longest accepted {@code selected_repository} or {@code title__contains}. */
    static final int TEXT_MAX = 1024;

    private final MultivaluedMap<String, String> query;

    SearchParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The filter the parameters describe for {@code userId}; bad values are added to {@code errors}. */
    SearchFilter filter(String userId, ValidationErrors errors) {
        return new SearchFilter(
                userId,
                QueryValues.text("selected_repository", get("selected_repository"), TEXT_MAX, errors),
                QueryValues.enumValue("conversation_trigger", get("conversation_trigger"), ConversationTrigger.class,
                        errors),
                QueryValues.text("title__contains", get("title__contains"), TEXT_MAX, errors),
                QueryValues.instant("created_at__gte", get("created_at__gte"), errors),
                QueryValues.instant("created_at__lt", get("created_at__lt"), errors),
                QueryValues.instant("updated_at__gte", get("updated_at__gte"), errors),
                QueryValues.instant("updated_at__lt", get("updated_at__lt"), errors));
    }

    int limit(ValidationErrors errors) {
        return QueryValues.integer("limit", get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    }

    SortOrder sortOrder(ValidationErrors errors) {
        SortOrder order = QueryValues.enumValue("sort_order", get("sort_order"), SortOrder.class, errors);
        return order == null ? SortOrder.UPDATED_AT_DESC : order;
    }

    String pageId() {
        return get("page_id");
    }

    private String get(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
