package dev.convsearch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

class PageCursorsTest {

    private final PageCursors cursors = new PageCursors("secret-one");
    private final SearchFilter filter = SearchFilter.allOf("alice").withRepository("acme/app")
            .withTrigger(ConversationTrigger.GUI);
    private final PagePosition position = new PagePosition(Instant.parse("2025-03-01T10:15:30.123Z"),
            "0f3c-id.with_dots", Instant.parse("2025-03-02T00:00:00.456Z"));

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        String token = cursors.encode(position, filter, SortOrder.UPDATED_AT_DESC);

        assertEquals(Optional.of(position), cursors.decode(token, filter, SortOrder.UPDATED_AT_DESC));
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "base64url without padding: " + token);
    }

    @Test
    void aCursorIsRefusedForAnotherSortOrderFilterOrUser() {
        String token = cursors.encode(position, filter, SortOrder.UPDATED_AT_DESC);

        assertTrue(cursors.decode(token, filter, SortOrder.UPDATED_AT).isEmpty());
        assertTrue(cursors.decode(token, SearchFilter.allOf("alice"), SortOrder.UPDATED_AT_DESC).isEmpty());
        SearchFilter bobs = SearchFilter.allOf("bob").withRepository("acme/app").withTrigger(ConversationTrigger.GUI);
        assertTrue(cursors.decode(token, bobs, SortOrder.UPDATED_AT_DESC).isEmpty());
    }

    @Test
    void aCursorSignedWithAnotherSecretIsRefused() {
        String token = new PageCursors("secret-two").encode(position, filter, SortOrder.UPDATED_AT_DESC);

        assertTrue(cursors.decode(token, filter, SortOrder.UPDATED_AT_DESC).isEmpty());
    }

    @Test
    void everySingleByteChangeOrTruncationIsRefused() {
        String token = cursors.encode(position, filter, SortOrder.CREATED_AT);
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 0x01;
            String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertTrue(cursors.decode(tampered, filter, SortOrder.CREATED_AT).isEmpty(), "byte " + i);
        }
        for (int length = 0; length < token.length(); length++) {
            assertTrue(cursors.decode(token.substring(0, length), filter, SortOrder.CREATED_AT).isEmpty(),
                    "length " + length);
        }
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] { "", "=", "not base64!", "{\"$ne\": null}", "%00", "a".repeat(10_000) }) {
            assertTrue(cursors.decode(garbage, filter, SortOrder.UPDATED_AT_DESC).isEmpty(), garbage);
        }
    }
}
