package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

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
    void noConditionHoldsARegularExpressionBesideOtherOperators() {
        // mongo-java-server (the embedded database) reads {"$regex": .., "$gte": ..} as the regular expression alone
        PagePosition title = new PagePosition("Fix b", "abc", SearchFilterShapes.T2);
        PagePosition date = new PagePosition(SearchFilterShapes.T1, "abc", SearchFilterShapes.T2);
        for (SearchFilter filter : SearchFilterShapes.all()) {
            for (SortOrder order : SortOrder.BY_FIELD) {
                PagePosition after = order.field() == ConversationField.TITLE ? title : date;
                for (Document query : List.of(ConversationQueries.filter(filter),
                        ConversationQueries.pageFilter(filter, order, after))) {
                    assertRegexAlone(query, query);
                }
            }
        }
    }

    private static void assertRegexAlone(Object condition, Document query) {
        if (condition instanceof Document operators) {
            if (operators.containsKey("$regex")) {
                assertEquals(Set.of("$regex", "$options"), operators.keySet(), query.toJson());
            }
            operators.values().forEach(value -> assertRegexAlone(value, query));
        } else if (condition instanceof List<?> clauses) {
            clauses.forEach(clause -> assertRegexAlone(clause, query));
        }
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
