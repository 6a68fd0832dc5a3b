package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.api.EventsResult;
import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.error.ErrorDetail;
import dev.convsearch.error.ValidationDetail;
import dev.convsearch.service.ConversationTexts;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** The events of a conversation, kept to search it by what was said in it ({@code q}). */
@Path("/api/conversations/{conversation_id}/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations")
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
@SecurityRequirement(name = OpenApiDefinition.BEARER_SCHEME)
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "422", description = "Validation Error", content = @Content(schema = @Schema(implementation = ValidationDetail.class)))
@APIResponse(responseCode = "default", ref = OpenApiDefinition.OTHER_ERRORS)
public class ConversationEventResource {

    private final ConversationTexts texts;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;
    private final int maxBody;

    public ConversationEventResource(ConversationTexts texts, ObjectMapper mapper, SecurityIdentity identity,
            ConvsearchConfig config) {
        this.texts = texts;
        this.mapper = mapper;
        this.identity = identity;
        this.maxBody = (int) Math.min(Integer.MAX_VALUE, config.limits().maxEventsBody().asLongValue());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, ConversationResource.NDJSON, ConversationResource.JSONL })
    @Blocking
    @Operation(operationId = "add_events_api_conversations__conversation_id__events_post", summary = "Add Events", description = "Keeps the searchable text of OpenHands events "
            + "of the caller's conversation: V1 (software-agent-sdk: MessageEvent, ActionEvent, ObservationEvent, "
            + "AgentErrorEvent, UserRejectObservation; other kinds are skipped) and V0 (file store: action with args, "
            + "observation with content). JSON (an event or a list) or NDJSON (one a line). An event sent again "
            + "replaces the one kept; texts are cut at 16 KB; every valid event lands even when others fail. At most "
            + EventBodies.MAX_EVENTS + " events a request. The next search finds them.")
    @RequestBody(required = false, description = "An empty NDJSON body adds nothing (an empty JSON body is a 422)", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "An OpenHands event, or a list of them", example = "{\"id\": \"5f3c\", \"kind\": \"MessageEvent\", \"source\": \"user\", \"timestamp\": \"2025-01-31T12:00:00\", \"llm_message\": {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Why do the tests fail?\"}]}}")),
            @Content(mediaType = ConversationResource.NDJSON, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = ConversationResource.JSONL, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponseSchema(value = EventsResult.class, responseCode = "200", responseDescription = "What was kept")
    @APIResponse(responseCode = "404", description = "No such conversation of the caller's (nothing is kept)", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<EventsResult> add(
            @Parameter(description = "The conversation's id") @RestPath("conversation_id") String conversationId,
            HttpHeaders headers, InputStream body) throws IOException {
        MediaType type = headers.getMediaType();
        EventBodies.Events events = type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                ? EventBodies.ofJson(body, mapper)
                : EventBodies.ofNdjson(body, mapper, maxBody);
        return texts.keepEvents(identity.getPrincipal().getName(), conversationId, events.kept())
                .map(kept -> new EventsResult(events.kept().size(), events.skipped(), events.failed()));
    }
}
