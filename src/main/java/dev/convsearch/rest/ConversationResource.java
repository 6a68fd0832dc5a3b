package dev.convsearch.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationInfoResultSet;
import dev.convsearch.api.NewConversation;
import dev.convsearch.api.SortOrder;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationError;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.ConversationService;
import dev.convsearch.service.SearchFilter;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The OpenHands conversations API: search, count, read and create, each within the caller's own conversations. */
@Path("/api/conversations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
public class ConversationResource {

    private final ConversationService conversations;
    private final SecurityIdentity identity;

    public ConversationResource(ConversationService conversations, SecurityIdentity identity) {
        this.conversations = conversations;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "search_conversations_api_conversations_get", summary = "Search Conversations")
    public Uni<ConversationInfoResultSet> search(@BeanParam PageParameters page, @BeanParam FilterParameters filters) {
        ValidationErrors errors = new ValidationErrors();
        SearchFilter filter = filters.toFilter(userId(), errors);
        int limit = page.limit(errors);
        SortOrder order = page.sortOrder(errors);
        errors.throwIfAny();
        return conversations.search(filter, order, limit, page.pageId());
    }

    @GET
    @Path("/count")
    @Operation(summary = "Count Conversations", description = "How many conversations the search filters match")
    public Uni<Long> count(@BeanParam FilterParameters filters) {
        ValidationErrors errors = new ValidationErrors();
        SearchFilter filter = filters.toFilter(userId(), errors);
        errors.throwIfAny();
        return conversations.count(filter);
    }

    @GET
    @Path("/{conversation_id}")
    @Operation(summary = "Get Conversation")
    public Uni<ConversationInfo> get(@RestPath("conversation_id") String conversationId) {
        return conversations.get(userId(), conversationId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create Conversation")
    public Uni<RestResponse<ConversationInfo>> create(NewConversation body) {
        if (body == null) {
            throw new RequestValidationException(new ValidationError(List.of("body"), "Field required", "missing"));
        }
        return conversations.create(userId(), body)
                .map(info -> RestResponse.ResponseBuilder
                        .<ConversationInfo> created(URI.create("/api/conversations/" + info.conversationId()))
                        .entity(info)
                        .build());
    }

    private String userId() {
        return identity.getPrincipal().getName();
    }
}
