package dev.convsearch.search;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * Lucene's own codec, with the events' stored texts in chunks of about 2 KB instead of Lucene's 80 KB blocks (whose
 * every read decompresses a preset dictionary and an 8 KB sub-block). The texts are read only for the fragments of a
 * page's {@code text_matches}, a few dozen random reads a search: a read takes about 4 µs instead of 22 µs, for an index
 * about 10 % bigger (measured on the content benchmark's S corpus, see BENCHMARKS.md). Found by its name through
 * Lucene's service loader (META-INF/services), so the name and the stored fields' format name must never change.
 */
public final class SearchIndexCodec extends FilterCodec {

    /** The name every segment written with it records. */
    static final String NAME = "Convsearch912";

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "ConvsearchStoredFields", CompressionMode.FAST_DECOMPRESSION, 2 * 1024, 128, 10);

    public SearchIndexCodec() {
        super(NAME, new Lucene912Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
