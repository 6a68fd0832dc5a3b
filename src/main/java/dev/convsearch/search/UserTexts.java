package dev.convsearch.search;

import static dev.convsearch.search.IndexedTexts.USER;

import java.io.IOException;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Where a user's texts are in one segment, the one place that knows it: in a segment in {@link IndexedTexts#LAYOUT}
 * they are one run of documents, {@code [from, to)} (the first posting of the user's term and its count); in a segment
 * an earlier version wrote they are among every user's from {@code from} on, and only the user's postings say which.
 * There are {@code count} of them (deleted ones too, until a merge drops them).
 */
record UserTexts(TermsEnum users, int from, int to, int count, boolean laidOut) {

    /** The user's texts in {@code leaf}, or null when it has none. */
    static UserTexts in(LeafReaderContext leaf, BytesRef user) throws IOException {
        Terms terms = leaf.reader().terms(USER);
        TermsEnum users = terms == null ? null : terms.iterator();
        if (users == null || !users.seekExact(user)) {
            return null;
        }
        int from = users.postings(null, PostingsEnum.NONE).nextDoc();
        int count = users.docFreq();
        boolean laidOut = IndexedTexts.LAYOUT.equals(leaf.reader().getMetaData().getSort());
        return new UserTexts(users, from, laidOut ? from + count : DocIdSetIterator.NO_MORE_DOCS, count, laidOut);
    }

    /** The user's postings from the start, reusing {@code reuse} (null for new ones). */
    PostingsEnum postings(PostingsEnum reuse) throws IOException {
        return users.postings(reuse, PostingsEnum.NONE);
    }
}
