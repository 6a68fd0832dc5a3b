package dev.convsearch.search;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

import dev.convsearch.domain.KeptText;

/**
 * What the search index holds: one Lucene document per kept text, an event's text (indexed and stored, for the
 * fragments) or a conversation's title, each with its user, conversation and the time it was written; the fields'
 * names, and the order each segment keeps its documents in. {@link LuceneTextIndex} writes these documents and
 * {@link TextSearches} reads them.
 */
final class IndexedTexts {

    static final String KEY = "key";
    static final String USER = "user";
    static final String CONVERSATION = "conversation";
    static final String KIND = "kind";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String EVENT_ID = "event_id";
    static final String SOURCE = "source";
    static final String TIMESTAMP = "timestamp";
    static final String WRITTEN_AT = "written_at";

    /**
     * How each segment orders its documents: a user's texts together, and within them each conversation's. A search is
     * filtered to one user, so its postings are read in a run instead of picked from among every user's, and a page's
     * events are read from neighbouring stored blocks (on the benchmark's 10 users, a search's index work a fifth to
     * a half less).
     */
    static final Sort LAYOUT = new Sort(new SortField(USER, SortField.Type.STRING),
            new SortField(CONVERSATION, SortField.Type.STRING));

    /**
     * An event's text: stored (the fragments are cut from it), and indexed with each token's offsets, so that the
     * fragments' matches are read from the index instead of analysing the text again.
     */
    static final FieldType EVENT_TEXT = eventText(true);
    /**
     * A title's empty event text, not stored: with it every document has a length for the event text (Lucene's norms),
     * which it then keeps as a plain array, read at a document's number; with only events' documents having one, a
     * search read each event's length through an index of which documents have one (on a long history, 8-13 % of the
     * index's work for a query of 1 or 2 words).
     */
    static final FieldType NO_EVENT_TEXT = eventText(false);

    /**
     * The document of {@code text}; with the user's doc values that {@link #LAYOUT} sorts by when {@code laidOut}
     * (without them, as every version before the layout wrote it).
     */
    static Document document(KeptText text, boolean laidOut) {
        Document document = new Document();
        document.add(new StringField(KEY, key(text.userId(), text.conversationId(), text.eventId()), Field.Store.NO));
        document.add(new StringField(USER, text.userId(), Field.Store.NO));
        if (laidOut) {
            document.add(new SortedDocValuesField(USER, new BytesRef(text.userId())));
        }
        document.add(new StringField(CONVERSATION, text.conversationId(), Field.Store.NO));
        document.add(new SortedDocValuesField(CONVERSATION, new BytesRef(text.conversationId())));
        document.add(new LongPoint(WRITTEN_AT, text.writtenAt().toEpochMilli()));
        if (text.isTitle()) {
            document.add(new StringField(KIND, KeptText.TITLE, Field.Store.NO));
            document.add(new TextField(TITLE, text.text(), Field.Store.NO));
            document.add(new Field(TEXT, "", NO_EVENT_TEXT));
            return document;
        }
        document.add(new Field(TEXT, text.text(), EVENT_TEXT));
        // what text_matches shows of an event besides its text: read without loading the stored text again
        document.add(new BinaryDocValuesField(EVENT_ID, new BytesRef(text.eventId())));
        if (text.source() != null) {
            document.add(new SortedDocValuesField(SOURCE, new BytesRef(text.source())));
        }
        if (text.timestamp() != null) {
            document.add(new NumericDocValuesField(TIMESTAMP, text.timestamp().toEpochMilli()));
        }
        return document;
    }

    private static FieldType eventText(boolean stored) {
        FieldType type = new FieldType(stored ? TextField.TYPE_STORED : TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** The term that names {@code text}'s document alone: a text written again replaces the one before. */
    static Term key(KeptText text) {
        return new Term(KEY, key(text.userId(), text.conversationId(), text.eventId()));
    }

    /** A text's unique key: its user, conversation and event (empty for the title). */
    private static String key(String userId, String conversationId, String eventId) {
        return userId + '\u0000' + conversationId + '\u0000' + eventId;
    }

    private IndexedTexts() {
    }
}
