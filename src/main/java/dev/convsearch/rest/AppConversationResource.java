package dev.convsearch.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.convsearch.api.AppConversation;
import dev.convsearch.api.AppConversationPage;
import dev.convsearch.api.BatchDelete;
import dev.convsearch.domain.SortOrder;
import dev.convsearch.error.ErrorDetail;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationDetail;
import dev.convsearch.service.ConversationMapper;
import dev.convsearch.service.ConversationService;
import dev.convsearch.service.PageCursors;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The OpenHands V1 app server's conversation search, served by the same search as {@code /api/conversations}: the V1
 * names, sort orders and page size, the same filters, keys, cursors and errors.
 */
@Path("/api/v1/app-conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "App Conversations", description = "The OpenHands V1 app server's conversation search")
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
@SecurityRequirement(name = OpenApiDefinition.BEARER_SCHEME)
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "422", description = "Validation Error", content = @Content(schema = @Schema(implementation = ValidationDetail.class)))
@APIResponse(responseCode = "default", ref = OpenApiDefinition.OTHER_ERRORS)
public class AppConversationResource {

    /** The batch get's operation id. */
    static final String BATCH_GET = "batch_get_app_conversations_api_v1_app_conversations_get";

    private final ConversationService conversations;
    private final PageCursors cursors;
    private final SecurityIdentity identity;

    public AppConversationResource(ConversationService conversations, PageCursors cursors, SecurityIdentity identity) {
        this.conversations = conversations;
        this.cursors = cursors;
        this.identity = identity;
    }

    @GET
    @Path("/search")
    @Operation(operationId = "search_app_conversations_api_v1_app_conversations_search_get", summary = "Search App Conversations", description = "The caller's conversations, a page at a time, with "
            + "every filter applied before paging")
    @APIResponseSchema(value = AppConversationPage.class, responseCode = "200", responseDescription = "Successful Response")
    @Parameter(name = "page_id", in = ParameterIn.QUERY, description = "Opaque cursor from a previous page's "
            + "next_page_id; valid only with the same filters and sort order", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "100", minimum = "1", maximum = "100"))
    @Parameter(name = "sort_order", in = ParameterIn.QUERY, description = "Result order; ties are broken by the id, titles in code-point order. "
            + "RELEVANCE (the best match of q first) is the default with q, and a 422 without it", schema = @Schema(implementation = SortOrder.class, defaultValue = "CREATED_AT_DESC"))
    @Parameter(ref = "q")
    @Parameter(ref = "title__contains")
    @Parameter(ref = "created_at__gte")
    @Parameter(ref = "created_at__lt")
    @Parameter(ref = "updated_at__gte")
    @Parameter(ref = "updated_at__lt")
    @Parameter(ref = "include_sub_conversations")
    @Parameter(ref = "selected_repository")
    @Parameter(ref = "conversation_trigger")
    @Parameter(ref = "tag")
    @Parameter(ref = "archived")
    @Parameter(ref = "status")
    public Uni<AppConversationPage> search(UriInfo uri) {
        SearchParameters.Search search = new SearchParameters(uri.getQueryParameters(),
                SearchParameters.APP_CONVERSATIONS).search(userId(), cursors);
        return conversations.search(search.filter(), search.order(), search.limit(), search.after(),
                ConversationMapper.APP, AppConversationPage::new);
    }

    @GET
    @Path("/count")
    @Operation(operationId = "count_app_conversations_api_v1_app_conversations_count_get", summary = "Count App Conversations", description = "How many conversations the search's filters match: "
            + "always the number a walk of the search returns")
    @APIResponseSchema(value = Long.class, responseCode = "200", responseDescription = "The number of matches")
    @Parameter(ref = "q")
    @Parameter(ref = "title__contains")
    @Parameter(ref = "created_at__gte")
    @Parameter(ref = "created_at__lt")
    @Parameter(ref = "updated_at__gte")
    @Parameter(ref = "updated_at__lt")
    @Parameter(ref = "include_sub_conversations")
    @Parameter(ref = "selected_repository")
    @Parameter(ref = "conversation_trigger")
    @Parameter(ref = "tag")
    @Parameter(ref = "archived")
    @Parameter(ref = "status")
    public Uni<Long> count(UriInfo uri) {
        return conversations.count(new SearchParameters(uri.getQueryParameters(), SearchParameters.APP_CONVERSATIONS)
                .countFilter(userId()));
    }

    @GET
    @Operation(operationId = BATCH_GET, summary = "Batch Get App Conversations", description = "The conversations asked for, in the order asked; "
            + "null for an id the caller does not hold")
    @APIResponse(responseCode = "200", description = "One item for each id asked, null where the caller holds no such conversation", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = AppConversation.class)))
    @Parameter(name = "ids", in = ParameterIn.QUERY, required = true, description = "1..100 conversation ids; repeat the "
            + "parameter for each", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    public Uni<List<AppConversation>> batchGet(UriInfo uri) {
        List<String> ids = uri.getQueryParameters().get("ids");
        if (ids == null || ids.isEmpty()) {
            throw new RequestValidationException(FastApiErrors.missing(FastApiErrors.query("ids")));
        }
        if (ids.size() > BatchDelete.BATCH_MAX) {
            throw new RequestValidationException(
                    FastApiErrors.listTooLong(FastApiErrors.query("ids"), BatchDelete.BATCH_MAX));
        }
        return conversations.getAll(userId(), ids, ConversationMapper.APP);
    }

    private String userId() {
        return identity.getPrincipal().getName();
    }
}
