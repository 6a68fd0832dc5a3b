package dev.convsearch.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of the V1 search and the cursor of the next ({@code null} on the last page). */
@Schema(name = "AppConversationPage")
public record AppConversationPage(List<AppConversation> items, String nextPageId) {
}
