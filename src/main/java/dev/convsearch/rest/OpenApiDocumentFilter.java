package dev.convsearch.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

import dev.convsearch.api.AppConversation;

/**
 * What the resources' annotations cannot say in the OpenAPI document: the batch get answers a list that is never null
 * and whose items are null for the ids the caller does not hold; and a nullable reference is {@code anyOf} the
 * reference and null, with no {@code type} beside it (SmallRye writes the referenced type there when the property has
 * a description, which for an object forbids the null). Applied where SmallRye OpenAPI makes the document (the tests,
 * see StoredOpenApiDocumentTest; {@code mp.openapi.filter}).
 */
public class OpenApiDocumentFilter implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (AppConversationResource.BATCH_GET.equals(operation.getOperationId())) {
            Schema appConversationOrNull = OASFactory.createSchema()
                    .addAnyOf(OASFactory.createSchema().ref(AppConversation.class.getSimpleName()))
                    .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
            operation.getResponses().getAPIResponse("200").getContent().getMediaType(MediaType.APPLICATION_JSON)
                    .getSchema().items(appConversationOrNull);
        }
        return operation;
    }

    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getAnyOf() != null && schema.getAnyOf().stream().anyMatch(OpenApiDocumentFilter::isNull)) {
            schema.setType(null);
        }
        return schema;
    }

    private static boolean isNull(Schema schema) {
        return schema.getType() != null && schema.getType().equals(List.of(Schema.SchemaType.NULL));
    }
}
