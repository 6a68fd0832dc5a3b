package dev.convsearch.rest;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.PageCursors;

/**
 * The query string of search and count, read as FastAPI reads it: an absent parameter is null, an empty one is the
 * value "" ({@code limit=} is a 422, {@code selected_repository=} matches only ""), a repeated one counts by its last
 * value, and unknown ones are ignored. Every bad value is reported at once, the cursor's included. (JAX-RS'
 * {@code @QueryParam} turns "" into null, so the raw map is read here.)
 */
final class SearchParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Longest accepted {@code selected_repository} or {@code title__contains}. */
    static final int TEXT_MAX = 1024;

    /** What a search asks for: which conversations, in which order, how many, after which page. */
    record Search(SearchFilter filter, SortOrder order, int limit, PagePosition after) {
    }

    private final MultivaluedMap<String, String> query;

    SearchParameters(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The search the parameters describe for {@code userId}; a 422 with every bad value, the cursor's included. */
    Search search(String userId, PageCursors cursors) {
        ValidationErrors errors = new ValidationErrors();
        SearchFilter filter = filter(userId, errors);
        boolean filterValid = errors.isEmpty();
        int limit = QueryValues.integer("limit", get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        SortOrder order = QueryValues.enumValue("sort_order", get("sort_order"), SortOrder.class, errors);
        boolean orderValid = order != null || get("sort_order") == null;
        order = order == null ? SortOrder.UPDATED_AT_DESC : order;
        PagePosition after = pagePosition(cursors, filter, order, filterValid && orderValid, errors);
        errors.throwIfAny();
        return new Search(filter, order, limit, after);
    }

    /**
     * The position {@code page_id} names, or null when there is none. A cursor is checked against the filter and order
     * it was made for; when those are themselves bad ({@code checkable} false), only its form is checked.
     */
    private PagePosition pagePosition(PageCursors cursors, SearchFilter filter, SortOrder order, boolean checkable,
            ValidationErrors errors) {
        String pageId = get("page_id");
        if (pageId == null) {
            return null;
        }
        PagePosition after = checkable ? cursors.decode(pageId, filter, order).orElse(null) : null;
        if (checkable ? after == null : !cursors.isWellFormed(pageId)) {
            errors.add(FastApiErrors.valueError(FastApiErrors.query("page_id"),
                    "Invalid page_id: not a cursor of this search (same filters and sort order)"));
        }
        return after;
    }

    /** The filter of a count for {@code userId}; a 422 with every bad value. */
    SearchFilter countFilter(String userId) {
        ValidationErrors errors = new ValidationErrors();
        SearchFilter filter = filter(userId, errors);
        errors.throwIfAny();
        return filter;
    }

    private SearchFilter filter(String userId, ValidationErrors errors) {
        return SearchFilter.allOf(userId)
                .withRepository(QueryValues.text("selected_repository", get("selected_repository"), TEXT_MAX, errors))
                .withTrigger(QueryValues.enumValue("conversation_trigger", get("conversation_trigger"),
                        ConversationTrigger.class, errors))
                .withTitleContaining(QueryValues.text("title__contains", get("title__contains"), TEXT_MAX, errors))
                .withCreated(QueryValues.instant("created_at__gte", get("created_at__gte"), errors),
                        QueryValues.instant("created_at__lt", get("created_at__lt"), errors))
                .withUpdated(QueryValues.instant("updated_at__gte", get("updated_at__gte"), errors),
                        QueryValues.instant("updated_at__lt", get("updated_at__lt"), errors));
    }

    private String get(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
