package dev.convsearch.rest;

import java.io.InputStream;
import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.convsearch.api.BatchDelete;
import dev.convsearch.api.BatchResult;
import dev.convsearch.api.BatchUpdate;
import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationInfoResultSet;
import dev.convsearch.api.ConversationPatch;
import dev.convsearch.api.ImportResult;
import dev.convsearch.api.NewConversation;
import dev.convsearch.error.ErrorDetail;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationDetail;
import dev.convsearch.service.ConversationImporter;
import dev.convsearch.service.ConversationMapper;
import dev.convsearch.service.ConversationService;
import dev.convsearch.service.PageCursors;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The OpenHands conversations API and its lifecycle: every operation works within the caller's own conversations. */
@Path("/api/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "Search, read, create, change, organise, delete and import conversations")
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
@SecurityRequirement(name = OpenApiDefinition.BEARER_SCHEME)
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "422", description = "Validation Error", content = @Content(schema = @Schema(implementation = ValidationDetail.class)))
@APIResponse(responseCode = "default", ref = OpenApiDefinition.OTHER_ERRORS)
public class ConversationResource {

    static final String NDJSON = "application/x-ndjson";
    /** Another name of NDJSON (JSON Lines). */
    static final String JSONL = "application/jsonl";

    private final ConversationService conversations;
    private final ConversationImporter importer;
    private final ConversationBodies bodies;
    private final PageCursors cursors;
    private final SecurityIdentity identity;

    public ConversationResource(ConversationService conversations, ConversationImporter importer,
            ConversationBodies bodies, PageCursors cursors, SecurityIdentity identity) {
        this.conversations = conversations;
        this.importer = importer;
        this.bodies = bodies;
        this.cursors = cursors;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "search_conversations_api_conversations_get", summary = "Search Conversations")
    @APIResponseSchema(value = ConversationInfoResultSet.class, responseCode = "200", responseDescription = "Successful Response")
    @Parameter(name = "page_id", in = ParameterIn.QUERY, description = "Opaque cursor from a previous page's "
            + "next_page_id; valid only with the same filters and sort order", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20", minimum = "1", maximum = "100"))
    @Parameter(name = "sort_order", in = ParameterIn.QUERY, description = "Result order; ties are broken by conversation_id. "
            + "RELEVANCE (the best match of q first) is the default with q, and a 422 without it", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "UPDATED_AT_DESC", "CREATED_AT_DESC", "UPDATED_AT", "CREATED_AT",
                    "RELEVANCE" }, defaultValue = "UPDATED_AT_DESC"))
    @Parameter(ref = "selected_repository")
    @Parameter(ref = "conversation_trigger")
    @Parameter(ref = "q")
    @Parameter(ref = "title__contains")
    @Parameter(ref = "created_at__gte")
    @Parameter(ref = "created_at__lt")
    @Parameter(ref = "updated_at__gte")
    @Parameter(ref = "updated_at__lt")
    @Parameter(ref = "tag")
    @Parameter(ref = "archived")
    @Parameter(ref = "status")
    @Parameter(ref = "include_sub_conversations")
    public Uni<ConversationInfoResultSet> search(UriInfo uri) {
        SearchParameters.Search search = new SearchParameters(uri.getQueryParameters(), SearchParameters.CONVERSATIONS)
                .search(userId(), cursors);
        return conversations.search(search.filter(), search.order(), search.limit(), search.after(),
                ConversationMapper.INFO, ConversationInfoResultSet::new);
    }

    @GET
    @Path("/count")
    @Operation(operationId = "count_conversations_api_conversations_count_get", summary = "Count Conversations", description = "How many conversations the search filters match")
    @APIResponseSchema(value = Long.class, responseCode = "200", responseDescription = "The number of matches")
    @Parameter(ref = "selected_repository")
    @Parameter(ref = "conversation_trigger")
    @Parameter(ref = "q")
    @Parameter(ref = "title__contains")
    @Parameter(ref = "created_at__gte")
    @Parameter(ref = "created_at__lt")
    @Parameter(ref = "updated_at__gte")
    @Parameter(ref = "updated_at__lt")
    @Parameter(ref = "tag")
    @Parameter(ref = "archived")
    @Parameter(ref = "status")
    @Parameter(ref = "include_sub_conversations")
    public Uni<Long> count(UriInfo uri) {
        return conversations.count(new SearchParameters(uri.getQueryParameters(), SearchParameters.CONVERSATIONS)
                .countFilter(userId()));
    }

    @GET
    @Path("/{conversation_id}")
    @Operation(operationId = "get_conversation_api_conversations__conversation_id__get", summary = "Get Conversation")
    @APIResponseSchema(value = ConversationInfo.class, responseCode = "200", responseDescription = "Successful Response")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller's", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<ConversationInfo> get(
            @Parameter(description = "The conversation's id") @RestPath("conversation_id") String conversationId) {
        return conversations.get(userId(), conversationId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_conversation_api_conversations_post", summary = "Create Conversation")
    @RequestBody(content = @Content(schema = @Schema(implementation = NewConversation.class)))
    @APIResponseSchema(value = ConversationInfo.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(responseCode = "409", description = "The caller already has a conversation with that id", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<RestResponse<ConversationInfo>> create(ObjectNode body) {
        RequestValidationException.requireBody(body);
        return conversations.create(userId(), bodies.forCreate(body))
                .map(info -> RestResponse.ResponseBuilder
                        .<ConversationInfo> created(URI.create("/api/conversations/" + info.conversationId()))
                        .entity(info)
                        .build());
    }

    @PATCH
    @Path("/{conversation_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "update_conversation_api_conversations__conversation_id__patch", summary = "Update Conversation", description = "Changes only the fields given: title, selected_branch, "
            + "status, runtime_status, url, session_api_key, num_connections, pr_number, last_updated_at. "
            + "last_updated_at becomes now unless given.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ConversationPatch.class)))
    @APIResponseSchema(value = ConversationInfo.class, responseCode = "200", responseDescription = "Successful Response")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller's", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<ConversationInfo> patch(
            @Parameter(description = "The conversation's id") @RestPath("conversation_id") String conversationId,
            ObjectNode body) {
        RequestValidationException.requireBody(body);
        return conversations.patch(userId(), conversationId, bodies.forPatch(body));
    }

    @DELETE
    @Path("/{conversation_id}")
    @Operation(operationId = "delete_conversation_api_conversations__conversation_id__delete", summary = "Delete Conversation")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller's", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<Void> delete(
            @Parameter(description = "The conversation's id") @RestPath("conversation_id") String conversationId) {
        return conversations.delete(userId(), conversationId);
    }

    @POST
    @Path("/batch-delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "batch_delete_conversations_api_conversations_batch_delete_post", summary = "Delete Conversations", description = "Deletes 1..100 of the caller's conversations; "
            + "another user's id, or one that does not exist, is listed as not found")
    @APIResponseSchema(value = BatchResult.Deleted.class, responseCode = "200", responseDescription = "What was deleted")
    public Uni<BatchResult.Deleted> batchDelete(BatchDelete body) {
        RequestValidationException.requireValid(body);
        return conversations.deleteAll(userId(), body.conversationIds());
    }

    @POST
    @Path("/batch-update")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "batch_update_conversations_api_conversations_batch_update_post", summary = "Update Conversations", description = "Archives or unarchives, and adds or removes tags of, "
            + "1..100 of the caller's conversations; last_updated_at is left alone (organising is not activity)")
    @APIResponseSchema(value = BatchResult.Updated.class, responseCode = "200", responseDescription = "What was updated")
    public Uni<BatchResult.Updated> batchUpdate(BatchUpdate body) {
        RequestValidationException.requireValid(body);
        if (body.archived() == null && body.addTags() == null && body.removeTags() == null) {
            throw new RequestValidationException(FastApiErrors.valueError(FastApiErrors.body(),
                    "At least one of archived, add_tags and remove_tags is required"));
        }
        return conversations.updateAll(userId(), body.conversationIds(), body.archived(), body.addTags(),
                body.removeTags());
    }

    @POST
    @Path("/import")
    @Consumes({ NDJSON, JSONL })
    @Blocking
    @Operation(operationId = "import_conversations_api_conversations_import_post", summary = "Import Conversations", description = "One OpenHands metadata.json object per line "
            + "(application/x-ndjson). Upserts by conversation_id within the caller's conversations; every valid line "
            + "lands, each invalid one is reported by its 1-based number.")
    @RequestBody(required = false, description = "An empty body imports nothing", content = {
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = JSONL, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponseSchema(value = ImportResult.class, responseCode = "200", responseDescription = "What the import did")
    public Uni<ImportResult> importConversations(InputStream body) {
        return importer.importLines(userId(), ImportLines.of(body, bodies));
    }

    private String userId() {
        return identity.getPrincipal().getName();
    }
}
