package dev.convsearch.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's title and the API key scheme of the OpenHands spec. */
@OpenAPIDefinition(info = @Info(title = "convsearch", version = "0.1.0", description = "Conversation search speaking the OpenHands conversations API"))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = OpenApiDefinition.API_KEY_SCHEME, type = SecuritySchemeType.APIKEY, apiKeyName = "X-Session-API-Key", in = SecuritySchemeIn.HEADER),
        @SecurityScheme(securitySchemeName = "BearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer")
})
public class OpenApiDefinition extends Application {

    public static final String API_KEY_SCHEME = "APIKeyHeader";
}
