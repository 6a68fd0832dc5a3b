package dev.convsearch.api;

import java.util.List;

/** One page of search results and the cursor of the next page ({@code null} on the last page). */
public record ConversationInfoResultSet(List<ConversationInfo> results, String nextPageId) {
}
