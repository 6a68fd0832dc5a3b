package dev.convsearch.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.NewConversation;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.PageCursors;

/**
 * The query string of search and count, read as FastAPI reads it: an absent parameter is null, an empty one is the
 * value "" ({@code limit=} is a 422, {@code selected_repository=} matches only ""), a repeated one counts by its last
 * value ({@code tag} by all of them), and unknown ones are ignored. Every bad value is reported at once, the cursor's
 * included. (JAX-RS' {@code @QueryParam} turns "" into null, so the raw map is read here.)
 */
final class SearchParameters {

    static final int MAX_LIMIT = 100;

    /** What a surface's search offers: its default page size, its default order and the orders it knows. */
    record Surface(int defaultLimit, SortOrder defaultOrder, Set<SortOrder> orders) {
    }

    /** {@code /api/conversations}: 20 a page, by last update, the date orders (and relevance, with q). */
    static final Surface CONVERSATIONS = new Surface(20, SortOrder.UPDATED_AT_DESC, withRelevance(SortOrder.BY_DATE));
    /** The OpenHands V1 surface: 100 a page, by creation (as V1), the date and title orders (and relevance). */
    static final Surface APP_CONVERSATIONS = new Surface(100, SortOrder.CREATED_AT_DESC,
            EnumSet.allOf(SortOrder.class));
    /** Longest accepted {@code selected_repository} or {@code title__contains}. */
    static final int TEXT_MAX = 1024;
    /** Longest accepted {@code q}, in characters. */
    static final int Q_MAX = 500;

    /** What a search asks for: which conversations, in which order, how many, after which page. */
    record Search(SearchFilter filter, SortOrder order, int limit, PagePosition after) {
    }

    private final MultivaluedMap<String, String> query;
    private final Surface surface;

    SearchParameters(MultivaluedMap<String, String> query, Surface surface) {
        this.query = query;
        this.surface = surface;
    }

    /** The search the parameters describe for {@code userId}; a 422 with every bad value, the cursor's included. */
    Search search(String userId, PageCursors cursors) {
        ValidationErrors errors = new ValidationErrors();
        SearchFilter filter = filter(userId, errors);
        boolean filterValid = errors.isEmpty();
        int limit = QueryValues.integer("limit", get("limit"), surface.defaultLimit(), 1, MAX_LIMIT, errors);
        SortOrder order = QueryValues.enumValue("sort_order", get("sort_order"), surface.orders(), errors);
        boolean orderValid = order != null || get("sort_order") == null;
        if (order == SortOrder.RELEVANCE && filter.q() == null) {
            errors.add(FastApiErrors.valueError(FastApiErrors.query("sort_order"),
                    "Value error, RELEVANCE orders the matches of q: give q, or another sort_order"));
            orderValid = false;
        }
        if (order == null) {
            order = filter.q() != null ? SortOrder.RELEVANCE : surface.defaultOrder();
        }
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
                        QueryValues.instant("updated_at__lt", get("updated_at__lt"), errors))
                .withTags(QueryValues.texts("tag", query.get("tag"), NewConversation.TAGS_MAX, NewConversation.TAG_MAX,
                        errors))
                .withArchived(QueryValues.bool("archived", get("archived"), false, errors))
                .withStatus(QueryValues.enumValue("status", get("status"), ConversationStatus.class, errors))
                .withSubConversations(QueryValues.bool("include_sub_conversations", get("include_sub_conversations"),
                        false, errors))
                .withText(QueryValues.words("q", get("q"), Q_MAX, errors));
    }

    private static Set<SortOrder> withRelevance(Set<SortOrder> orders) {
        Set<SortOrder> withRelevance = EnumSet.copyOf(orders);
        withRelevance.add(SortOrder.RELEVANCE);
        return withRelevance;
    }

    private String get(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
