package dev.convsearch.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.convsearch.api.ApiKeyInfo;
import dev.convsearch.api.CreatedApiKey;
import dev.convsearch.api.NewApiKey;
import dev.convsearch.error.ErrorDetail;
import dev.convsearch.error.RequestValidationException;
import dev.convsearch.error.ValidationDetail;
import dev.convsearch.service.ApiKeyService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's own API keys. Keys from configuration are not listed and cannot be revoked here. */
@Path("/api/keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API Keys", description = "The caller's own API keys")
@SecurityRequirement(name = OpenApiDefinition.API_KEY_SCHEME)
@SecurityRequirement(name = OpenApiDefinition.BEARER_SCHEME)
@APIResponse(responseCode = "401", description = "Missing, unknown, revoked or expired API key", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
@APIResponse(responseCode = "422", description = "Validation Error", content = @Content(schema = @Schema(implementation = ValidationDetail.class)))
@APIResponse(responseCode = "default", ref = OpenApiDefinition.OTHER_ERRORS)
public class ApiKeyResource {

    private final ApiKeyService keys;
    private final SecurityIdentity identity;

    public ApiKeyResource(ApiKeyService keys, SecurityIdentity identity) {
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "create_api_key_api_keys_post", summary = "Create API Key", description = "The secret key is in this response only; keep it.")
    @APIResponseSchema(value = CreatedApiKey.class, responseCode = "201", responseDescription = "Created")
    @APIResponse(responseCode = "409", description = "The caller holds too many keys", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<RestResponse<CreatedApiKey>> create(NewApiKey body) {
        RequestValidationException.requireValid(body);
        return keys.create(userId(), body).map(created -> RestResponse.ResponseBuilder
                .<CreatedApiKey> created(URI.create("/api/keys/" + created.id()))
                .entity(created)
                .build());
    }

    @GET
    @Operation(operationId = "list_api_keys_api_keys_get", summary = "List API Keys", description = "The caller's keys, newest first, without secrets")
    @APIResponseSchema(value = ApiKeyInfo[].class, responseCode = "200", responseDescription = "The caller's keys")
    public Uni<List<ApiKeyInfo>> list() {
        return keys.list(userId());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revoke_api_key_api_keys__id__delete", summary = "Revoke API Key")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key of the caller's", content = @Content(schema = @Schema(implementation = ErrorDetail.class)))
    public Uni<Void> revoke(@Parameter(description = "The key's id, as listed") @RestPath String id) {
        return keys.revoke(userId(), id);
    }

    private String userId() {
        return identity.getPrincipal().getName();
    }
}
