package dev.convsearch.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.error.ErrorDetail;

/**
 * The OpenAPI document's title, the API key scheme of the OpenHands spec, the filter parameters that search and count
 * share and the error response every operation may give (declared once here, referenced by name from the resources).
 */
@OpenAPIDefinition(info = @Info(title = "convsearch", version = "0.1.0", description = "Conversation search speaking the OpenHands conversations API", license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")), servers = @Server(url = "/", description = "The server that serves this document (the README starts one at http://localhost:8080)"), components = @Components(responses = @APIResponse(name = OpenApiDefinition.OTHER_ERRORS, description = "Any other error: 406 (an Accept without JSON), 411 and 413 (the body limits), 415 (the media type), 429 (the rate limit, with Retry-After), 503 (MongoDB unreachable, with Retry-After), 500", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorDetail.class))), parameters = {
        @Parameter(name = "selected_repository", in = ParameterIn.QUERY, description = "Exact repository match (an empty value matches only \"\")", schema = @Schema(type = SchemaType.STRING)),
        @Parameter(name = "conversation_trigger", in = ParameterIn.QUERY, description = "What started the conversation", schema = @Schema(implementation = ConversationTrigger.class)),
        @Parameter(name = "title__contains", in = ParameterIn.QUERY, description = "Case-insensitive literal substring of the title (no regex or wildcards)", schema = @Schema(type = SchemaType.STRING)),
        @Parameter(name = "created_at__gte", in = ParameterIn.QUERY, description = "Created at or after", schema = @Schema(type = SchemaType.STRING, format = "date-time")),
        @Parameter(name = "created_at__lt", in = ParameterIn.QUERY, description = "Created before", schema = @Schema(type = SchemaType.STRING, format = "date-time")),
        @Parameter(name = "updated_at__gte", in = ParameterIn.QUERY, description = "Last updated at or after", schema = @Schema(type = SchemaType.STRING, format = "date-time")),
        @Parameter(name = "updated_at__lt", in = ParameterIn.QUERY, description = "Last updated before", schema = @Schema(type = SchemaType.STRING, format = "date-time")),
        @Parameter(name = "tag", in = ParameterIn.QUERY, description = "Holding this tag; repeat it to ask for several (every one must be held)", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)),
        @Parameter(name = "archived", in = ParameterIn.QUERY, description = "The archived conversations (true) or the others (false, the default)", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")),
        @Parameter(name = "status", in = ParameterIn.QUERY, description = "In this status", schema = @Schema(implementation = ConversationStatus.class)),
        @Parameter(name = "q", in = ParameterIn.QUERY, description = "Words the conversation's title or events must all hold, and \"quoted phrases\" that must appear together, in order; case, accents and English word forms do not count, and code is found whole and by its parts split at . - _ /. Nothing in q is syntax. Orders by RELEVANCE unless sort_order says otherwise; each result then has text_matches.", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 500)),
        @Parameter(name = "include_sub_conversations", in = ParameterIn.QUERY, description = "Also conversations that have a parent (false, the default: they are left out)", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
}))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiDefinition.API_KEY_SCHEME, type = SecuritySchemeType.APIKEY, apiKeyName = "X-Session-API-Key", in = SecuritySchemeIn.HEADER),
        @SecurityScheme(securitySchemeName = OpenApiDefinition.BEARER_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer")
})
public class OpenApiDefinition extends Application {

    public static final String API_KEY_SCHEME = "APIKeyHeader";
    public static final String BEARER_SCHEME = "BearerAuth";
    /** The response every operation may give besides its own: any other error, as {@code {"detail": "..."}}. */
    public static final String OTHER_ERRORS = "OtherErrors";
}
