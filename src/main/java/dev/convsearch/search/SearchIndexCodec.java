package dev.convsearch.search;

import org.apache.lucene.codecs.Codec;
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
 * Lucene's service loader (META-INF/services, and {@link #register()}), so the name and the stored fields' format name
 * must never change.
 */
public final class SearchIndexCodec extends FilterCodec {

    /** The name every segment written with it records. */
    static final String NAME = "Convsearch912";

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "ConvsearchStoredFields", CompressionMode.FAST_DECOMPRESSION, 2 * 1024, 128, 10);

    public SearchIndexCodec() {
        super(NAME, new Lucene912Codec());
    }

    /**
     * Makes the codec known to Lucene by its name, as reading a commit needs: Lucene's service loader looks in its own
     * class loader only, which does not see this class where the application has a class loader of its own (Quarkus's
     * tests). Costs a scan of the class path: once, before the index is opened.
     */
    static synchronized void register() {
        if (!Codec.availableCodecs().contains(NAME)) {
            Codec.reloadCodecs(SearchIndexCodec.class.getClassLoader());
        }
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }
}
