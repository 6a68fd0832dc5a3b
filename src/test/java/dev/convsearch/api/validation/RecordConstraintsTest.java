package dev.convsearch.api.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.Test;

import dev.convsearch.api.BatchDelete;
import dev.convsearch.api.BatchUpdate;
import dev.convsearch.api.NewApiKey;
import dev.convsearch.api.NewConversation;

/** Every constraint the request records use, broken and kept, on values and on list elements. */
class RecordConstraintsTest {

    @Test
    void aConversationWithinEveryRuleHasNoViolation() {
        assertEquals(List.of(), RecordConstraints.check(conversation("abc", "A title", List.of("ci"), 1.5, 10L)));
        assertEquals(List.of(), RecordConstraints.check(conversation(null, null, null, null, null)),
                "absent values are valid");
    }

    @Test
    void eachBrokenRuleIsReportedWithItsComponentInTheOrderOfTheComponents() {
        List<String> tags = Collections.nCopies(21, "t");
        var violations = RecordConstraints.check(conversation("a b", "  ", tags, -1.0, -5L));
        assertEquals(List.of("conversationId ConversationId", "title TrimmedLength", "tags Size",
                "accumulatedCost PositiveOrZero", "promptTokens PositiveOrZero"),
                violations.stream().map(v -> v.component() + " " + v.constraint().annotationType().getSimpleName())
                        .toList());
        assertEquals("a b", violations.get(0).invalidValue());
    }

    @Test
    void listElementsAreCheckedWithTheirIndex() {
        var violations = RecordConstraints.check(conversation("abc", "t", List.of("ok", " ", "x".repeat(51)), null,
                null));
        assertEquals(List.of("tags[1]", "tags[2]"),
                violations.stream().map(v -> v.component() + "[" + v.index() + "]").toList());
    }

    @Test
    void boundsAreInclusiveAndTheCostHasACeiling() {
        assertEquals(List.of(), RecordConstraints.check(conversation("a", "x".repeat(200), null, 0.0, 0L)));
        assertEquals(1, RecordConstraints.check(conversation("a", "x".repeat(201), null, null, null)).size());
        assertEquals(List.of("accumulatedCost DecimalMax"),
                RecordConstraints.check(conversation("a", "t", null, Double.POSITIVE_INFINITY, null)).stream()
                        .map(v -> v.component() + " " + v.constraint().annotationType().getSimpleName()).toList());
    }

    @Test
    void notNullSizeAndFutureOnTheOtherBodies() {
        assertEquals(List.of("conversationIds NotNull"), names(RecordConstraints.check(new BatchDelete(null))));
        assertEquals(List.of("conversationIds Size"), names(RecordConstraints.check(new BatchDelete(List.of()))));
        assertEquals(List.of("conversationIds ConversationId"),
                names(RecordConstraints.check(new BatchDelete(Arrays.asList("ok", "..")))));
        assertEquals(List.of("removeTags TrimmedLength"),
                names(RecordConstraints.check(new BatchUpdate(List.of("a"), null, null, List.of("")))));
        assertEquals(List.of("name NotNull", "expiresAt Future"),
                names(RecordConstraints.check(new NewApiKey(null, Instant.now().minus(Duration.ofDays(1))))));
        assertEquals(List.of(), names(RecordConstraints.check(new NewApiKey("ci", Instant.now().plusSeconds(60)))));
    }

    @Test
    void aConstraintItCannotEvaluateFailsLoudly() {
        assertThrows(IllegalStateException.class, () -> RecordConstraints.check(new WithPattern("x")));
        assertDoesNotThrow(() -> RecordConstraints.check(new WithBuiltIns("x", List.of())));
    }

    record WithPattern(@Pattern(regexp = "y") String value) {
    }

    record WithBuiltIns(@NotNull String value, @Size(max = 1) List<String> list) {
    }

    private static List<String> names(List<RecordConstraints.Violation> violations) {
        return violations.stream().map(v -> v.component() + " " + v.constraint().annotationType().getSimpleName())
                .toList();
    }

    private static NewConversation conversation(String id, String title, List<String> tags, Double cost, Long tokens) {
        return new NewConversation(id, title, null, null, null, null, null, null, null, null, null, null, null, null,
                tags, null, null, null, cost, tokens, null);
    }
}
