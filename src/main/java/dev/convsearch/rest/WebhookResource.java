package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.api.WebhookEventsResult;
import dev.convsearch.api.WebhookResult;
import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.error.ErrorDetail;
import dev.convsearch.error.FastApiErrors;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationDetail;
import dev.convsearch.service.LiveFeed;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * The live feed: the webhooks an OpenHands V1 agent-server (software-agent-sdk) posts each conversation change and each
 * batch of events to, when its configuration names convsearch ({@code OH_WEBHOOKS_1_BASE_URL=<convsearch>/api/v1/webhooks}
 * and {@code OH_WEBHOOKS_1_HEADERS={"Authorization": "Bearer <key>"}}). Both answer {@code {"success": true}}, as the
 * OpenHands app server does. The agent-server retries a refused batch and then puts it back at the front of its queue,
 * so a batch is refused only when it is not JSON: every element that cannot be read is passed over and counted.
 */
@Path("/api/v1/webhooks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "The live feed from OpenHands agent-servers")
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
@SecurityRequirement(name = OpenApiDefinition.BEARER_SCHEME)
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key; or two keys of two users", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "404", description = "Another user holds the conversation (nothing is kept)", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "422", description = "Validation Error", content = @Content(schema = @Schema(implementation = ValidationDetail.class)))
@APIResponse(responseCode = "default", ref = OpenApiDefinition.OTHER_ERRORS)
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final LiveFeed feed;
    private final SecurityIdentity identity;
    /** The application's JSON reader, taking strings as long as a body may be (a command's whole output). */
    private final ObjectMapper mapper;

    public WebhookResource(LiveFeed feed, SecurityIdentity identity, ObjectMapper mapper, ConvsearchConfig config) {
        this.feed = feed;
        this.identity = identity;
        this.mapper = mapper.copy();
        int longest = (int) Math.min(Integer.MAX_VALUE, config.limits().maxWebhookBody().asLongValue());
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Math.max(longest, StreamReadConstraints.DEFAULT_MAX_STRING_LEN)).build());
    }

    @POST
    @Path("/conversations")
    @Blocking
    @Operation(operationId = "on_conversation_update_api_v1_webhooks_conversations_post", summary = "On Conversation Update", description = "An agent-server's "
            + "ConversationInfo, sent on start, pause, interrupt, title or tag change, and with execution_status "
            + "\"deleting\" on delete (which deletes the conversation and its events). Makes the conversation on first "
            + "sight; an info older than the last one applied changes nothing; fields the agent-server does not know "
            + "(selected_repository, trigger, ...) are never overwritten.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "The agent-server's ConversationInfo (its id a UUID); other fields are read as the README's mapping says", example = "{\"id\": \"3f2a9c4e-0b7d-4e5f-8a1b-2c3d4e5f6a7b\", \"title\": \"Fix the build\", \"execution_status\": \"running\", \"created_at\": \"2025-01-31T11:00:00Z\", \"updated_at\": \"2025-01-31T12:00:00Z\", \"agent\": {\"llm\": {\"model\": \"claude-sonnet-4\"}}, \"tags\": {\"automationid\": \"nightly\"}}")))
    @APIResponseSchema(value = WebhookResult.class, responseCode = "200", responseDescription = "Taken")
    public Uni<WebhookResult> onConversationUpdate(InputStream body) throws IOException {
        AgentServerBodies.Info info = AgentServerBodies.ofInfo(body, mapper);
        String userId = identity.getPrincipal().getName();
        Uni<LiveFeed.Outcome> outcome = info.deleting() ? feed.delete(userId, info.conversationId())
                : feed.info(userId, info.conversationId(), info.update());
        return outcome.map(done -> new WebhookResult(true, done == LiveFeed.Outcome.APPLIED || info.deleting()));
    }

    @POST
    @Path("/events/{conversation_id}")
    @Blocking
    @Operation(operationId = "on_event_api_v1_webhooks_events__conversation_id__post", summary = "On Event", description = "A batch of an agent-server's events "
            + "(a JSON list, as the SDK dumps them), read as POST /api/conversations/{conversation_id}/events reads "
            + "them; ConversationStateUpdateEvent (execution_status, stats, full_state) updates the conversation. "
            + "Makes the conversation on first sight. An element that cannot be read is passed over and counted, "
            + "never a reason to refuse the batch. The next search finds the events.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(description = "A list of OpenHands V1 events", example = "[{\"id\": \"5f3c\", \"kind\": \"MessageEvent\", \"source\": \"user\", \"timestamp\": \"2025-01-31T12:00:00\", \"llm_message\": {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Why do the tests fail?\"}]}}, {\"id\": \"5f3d\", \"kind\": \"ConversationStateUpdateEvent\", \"source\": \"environment\", \"key\": \"execution_status\", \"value\": \"running\"}]")))
    @APIResponseSchema(value = WebhookEventsResult.class, responseCode = "200", responseDescription = "Taken")
    public Uni<WebhookEventsResult> onEvent(
            @Parameter(description = "The conversation's id: a UUID, as 32 hex digits (or dashed)") @RestPath("conversation_id") String conversationId,
            InputStream body) throws IOException {
        String id = AgentServerBodies.conversationId(conversationId);
        if (id == null) {
            throw new RequestValidationException(FastApiErrors.uuidParsing(FastApiErrors.path("conversation_id")));
        }
        AgentServerBodies.Batch batch = AgentServerBodies.ofEvents(body, mapper);
        if (!batch.failed().isEmpty()) {
            LOG.warnf("Webhook batch of conversation %s: %d element(s) could not be read and were passed over "
                    + "(element %d: %s)", id, batch.failed().size(), batch.failed().get(0).line(),
                    batch.failed().get(0).detail());
        }
        return feed.events(identity.getPrincipal().getName(), id, batch.events(), batch.state(), batch.activityAt())
                .map(outcome -> outcome == LiveFeed.Outcome.APPLIED
                        ? new WebhookEventsResult(true, batch.events().size(), batch.skipped(), batch.failed().size())
                        : new WebhookEventsResult(true, 0, batch.skipped() + batch.events().size(),
                                batch.failed().size()));
    }
}
