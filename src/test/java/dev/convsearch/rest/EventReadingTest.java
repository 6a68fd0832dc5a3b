package dev.convsearch.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.convsearch.domain.ConversationEvent;
import dev.convsearch.domain.KeptText;

/** The text kept of each shape of OpenHands event, and what is refused. */
class EventReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void v1EventsGiveTheirTexts() {
        assertEquals("Why do the tests fail?", text("{\"id\": \"m\", \"kind\": \"MessageEvent\", \"source\": \"user\", "
                + "\"llm_message\": {\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"Why do the tests fail?\"},"
                + " {\"type\": \"image\", \"image_urls\": [\"x\"]}]}}"));
        assertEquals("Let me look\npytest -x\nsrc/app.py", text("{\"id\": \"a\", \"kind\": \"ActionEvent\", "
                + "\"thought\": [{\"type\": \"text\", \"text\": \"Let me look\"}], "
                + "\"action\": {\"command\": \"pytest -x\", \"path\": \"src/app.py\", \"timeout\": 5, \"code\": 7}}"));
        assertEquals("FAILED test_x", text("{\"id\": \"o\", \"kind\": \"ObservationEvent\", "
                + "\"observation\": {\"content\": [{\"type\": \"text\", \"text\": \"FAILED test_x\"}]}}"));
        assertEquals("plain output", text("{\"id\": \"o\", \"kind\": \"ObservationEvent\", "
                + "\"observation\": {\"output\": \"plain output\"}}"));
        assertEquals("boom", text("{\"id\": \"e\", \"kind\": \"AgentErrorEvent\", \"error\": \"boom\"}"));
        assertEquals("not now", text("{\"id\": \"r\", \"kind\": \"UserRejectObservation\", "
                + "\"rejection_reason\": \"not now\"}"));
        assertTrue(read("{\"id\": \"s\", \"kind\": \"SystemPromptEvent\", \"system_prompt\": {\"text\": \"x\"}}")
                .skipped(), "other kinds are skipped");
    }

    @Test
    void v0EventsGiveTheirTexts() {
        EventReading.Read action = read("{\"id\": 12, \"timestamp\": \"2025-01-31T12:00:00.123456\", "
                + "\"source\": \"agent\", \"action\": \"run\", \"args\": {\"command\": \"ls\", \"thought\": \"list\"}}");
        ConversationEvent event = action.event();
        assertEquals("12", event.eventId());
        assertEquals(Instant.parse("2025-01-31T12:00:00.123Z"), event.timestamp(), "no offset is UTC");
        assertEquals("agent", event.source());
        assertEquals("run", event.kind());
        assertEquals("list\nls", event.text());
        assertEquals("hello", text("{\"id\": 13, \"observation\": \"run\", \"content\": \"hello\"}"));
        assertTrue(read("{\"id\": 14, \"observation\": \"null\", \"content\": \"\"}").skipped());
    }

    @Test
    void badEventsAreRefusedWithWhy() {
        assertEquals("id: Field required", read("{\"kind\": \"MessageEvent\"}").failure());
        assertTrue(read("{\"id\": 1.5, \"kind\": \"MessageEvent\"}").failure().startsWith("id:"));
        assertTrue(read("{\"id\": \"x\", \"kind\": \"MessageEvent\", \"timestamp\": \"yesterday\"}").failure()
                .startsWith("timestamp:"));
        assertTrue(read("{\"id\": \"x\", \"kind\": \"MessageEvent\", \"source\": \"robot\"}").failure()
                .startsWith("source:"));
        assertTrue(read("{\"id\": \"x\", \"hello\": 1}").failure().startsWith("Not an OpenHands event"));
        assertTrue(read("[1, 2]").failure() != null);
        assertTrue(read("{\"id\": \"x\", \"kind\": \"MessageEvent\", \"llm_message\": {\"content\": 5}}").skipped(),
                "text of the wrong type is no text");
    }

    @Test
    void longTextIsCutAtSixteenKilobytesOfUtf8WithinNoCharacter() {
        String text = "é".repeat(9000);
        ConversationEvent event = read("{\"id\": \"x\", \"kind\": \"AgentErrorEvent\", \"error\": \"" + text + "\"}")
                .event();
        String kept = event.kept("u", "c", Instant.EPOCH).text();
        assertEquals(KeptText.MAX_TEXT_BYTES / 2, kept.length());
        assertNull(read("{\"id\": \"x\", \"kind\": \"AgentErrorEvent\", \"error\": \"ok\"}").failure());
    }

    private static String text(String json) {
        return read(json).event().text();
    }

    private static EventReading.Read read(String json) {
        try {
            return EventReading.read(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
