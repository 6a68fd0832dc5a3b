package dev.convsearch.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.error.ValidationErrors;
import dev.convsearch.service.SearchFilter;

/** The filters of search and count, as the query string gives them. */
public class FilterParameters {

    /** Longest accepted {@code selected_repository} or {@code title__contains}. */
    static final int TEXT_MAX = 1024;

    @RestQuery("selected_repository")
    @Parameter(description = "Exact repository match (an empty value matches only \"\")")
    String selectedRepository;

    @RestQuery("conversation_trigger")
    @Parameter(schema = @Schema(implementation = ConversationTrigger.class))
    String conversationTrigger;

    @RestQuery("title__contains")
    @Parameter(description = "Case-insensitive literal substring of the title (no regex or wildcards)")
    String titleContains;

    @RestQuery("created_at__gte")
    @Parameter(description = "Created at or after (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String createdAtGte;

    @RestQuery("created_at__lt")
    @Parameter(description = "Created before (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String createdAtLt;

    @RestQuery("updated_at__gte")
    @Parameter(description = "Last updated at or after (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String updatedAtGte;

    @RestQuery("updated_at__lt")
    @Parameter(description = "Last updated before (ISO-8601)", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String updatedAtLt;

    /** The filter these parameters describe for {@code userId}; bad values are added to {@code errors}. */
    SearchFilter toFilter(String userId, ValidationErrors errors) {
        return new SearchFilter(
                userId,
                QueryValues.text("selected_repository", selectedRepository, TEXT_MAX, errors),
                QueryValues.enumValue("conversation_trigger", conversationTrigger, ConversationTrigger.class, errors),
                QueryValues.text("title__contains", titleContains, TEXT_MAX, errors),
                QueryValues.instant("created_at__gte", createdAtGte, errors),
                QueryValues.instant("created_at__lt", createdAtLt, errors),
                QueryValues.instant("updated_at__gte", updatedAtGte, errors),
                QueryValues.instant("updated_at__lt", updatedAtLt, errors));
    }
}
