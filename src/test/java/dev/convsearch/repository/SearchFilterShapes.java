package dev.convsearch.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.domain.SearchFilter;

/** Every shape of search filter the service can build, for the tests that check every query it sends. */
final class SearchFilterShapes {

    static final Instant T1 = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2025-06-01T00:00:00Z");

    private SearchFilterShapes() {
    }

    /** Every combination of every filter (two values each, three for tags), plus a range of each date. */
    static List<SearchFilter> all() {
        List<SearchFilter> filters = new ArrayList<>();
        Instant[][] ranges = { { null, null }, { T1, null }, { T1, T2 } };
        List<List<String>> tagSets = List.of(List.of(), List.of("ops"), List.of("ops", "nightly"));
        for (String repository : new String[] { null, "acme/app" }) {
            for (ConversationTrigger trigger : new ConversationTrigger[] { null, ConversationTrigger.GUI }) {
                for (String title : new String[] { null, "fix" }) {
                    for (Instant[] created : ranges) {
                        for (Instant[] updated : ranges) {
                            for (List<String> tags : tagSets) {
                                for (boolean archived : new boolean[] { false, true }) {
                                    for (ConversationStatus status : new ConversationStatus[] { null,
                                            ConversationStatus.RUNNING }) {
                                        for (boolean subs : new boolean[] { false, true }) {
                                            filters.add(SearchFilter.allOf("alice").withRepository(repository)
                                                    .withTrigger(trigger).withTitleContaining(title)
                                                    .withCreated(created[0], created[1])
                                                    .withUpdated(updated[0], updated[1]).withTags(tags)
                                                    .withArchived(archived).withStatus(status)
                                                    .withSubConversations(subs));
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return filters;
    }
}
