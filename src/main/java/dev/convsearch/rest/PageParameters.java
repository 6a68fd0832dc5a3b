package dev.convsearch.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import dev.convsearch.api.SortOrder;
import dev.convsearch.error.ValidationErrors;

/** Which page of a search, how large and in which order, as the query string gives them. */
public class PageParameters {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    @RestQuery("page_id")
    @Parameter(description = "Opaque cursor from a previous page's next_page_id, for the same filters and sort order")
    String pageId;

    @RestQuery("limit")
    @Parameter(description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "100"))
    String limit;

    @RestQuery("sort_order")
    @Parameter(description = "Result order; ties are broken by conversation_id", schema = @Schema(implementation = SortOrder.class, defaultValue = "UPDATED_AT_DESC"))
    String sortOrder;

    int limit(ValidationErrors errors) {
        return QueryValues.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    }

    SortOrder sortOrder(ValidationErrors errors) {
        SortOrder order = QueryValues.enumValue("sort_order", sortOrder, SortOrder.class, errors);
        return order == null ? SortOrder.UPDATED_AT_DESC : order;
    }

    String pageId() {
        return pageId;
    }
}
