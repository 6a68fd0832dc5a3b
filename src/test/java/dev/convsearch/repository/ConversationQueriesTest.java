package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.convsearch.domain.SearchFilter;

class ConversationQueriesTest {

    @Test
    void titlePatternsMatchTheirTextLiterally() {
        String[] texts = { ".*", "a+b", "(x)", "[abc]", "\\E.*\\Q", "$ne", "{\"$ne\": null}", "^start", "end$", "a|b",
                "100% ?", "tab\there", "ünïcødé 🎉" };
        for (String text : texts) {
            Pattern pattern = Pattern.compile(ConversationQueries.literalPattern(text),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            assertTrue(pattern.matcher("before " + text + " after").find(), text);
            assertTrue(pattern.matcher(text.toUpperCase()).find(), "case-insensitive: " + text);
            if (text.length() > 1) {
                assertFalse(pattern.matcher(text.substring(1)).find(), "needs the whole text: " + text);
            }
        }
    }

    @Test
    void theTitleFilterIsTheEscapedTextCaseInsensitive() {
        Document query = ConversationQueries.filter(SearchFilter.allOf("alice").withTitleContaining("a.*b (c)"));

        Document title = (Document) query.get("title");
        assertEquals("a\\.\\*b\\ \\(c\\)", title.get("$regex"));
        assertEquals("i", title.get("$options"));
    }

    @Test
    void clientStringsAreValuesNeverOperators() {
        SearchFilter filter = SearchFilter.allOf("alice").withRepository("{\"$ne\": null}").withTitleContaining("$where");
        Document query = ConversationQueries.filter(filter);

        assertEquals("{\"$ne\": null}", query.get("selected_repository"));
        assertEquals("alice", query.get("user_id"));
        assertTrue(query.keySet().stream().noneMatch(k -> k.startsWith("$")), query.toJson());
    }
}
