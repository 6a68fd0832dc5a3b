package dev.convsearch.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's H2 collection, with a query made to cost what it returns rather than the square or the sort of
 * what it reads (measured on one user of 8 000 conversations, BENCHMARKS.md):
 * <ul>
 * <li>a page of a sorted query that a kept index can give in sort order is read from it ({@link SortedWalk}): about a
 * page of documents, where mongo-java-server reads every document of the user to sort them (98 ms of CPU for a first
 * page);</li>
 * <li>any other page of a sorted query keeps its best {@code skip + limit} documents in a bounded heap instead of
 * sorting every match (mongo-java-server sorts them all, and its comparator splits each sort field's path with a
 * regular expression at every comparison: half of a first page's work);</li>
 * <li>an {@code $in} of many strings on a top-level field is a hash set: mongo-java-server compares each document's
 * value with each value of the list in turn, so a search with {@code q} in another order than relevance, whose
 * {@code $in} holds every conversation the text index matched, compared 8 000 by 8 000 (2 s a page).</li>
 * </ul>
 * What a query answers is unchanged: the same documents in the same order, ties in the order a full sort gives them.
 */
final class KeyedH2Collection extends H2Collection {

    /** From how many values an {@code $in} of strings is checked by a hash set. */
    static final int HASHED_IN = 16;

    /**
     * The last query's {@code $in}s as hash sets: a query checks each of its documents with the same object, and a
     * collection's queries run one at a time (mongo-java-server synchronizes them on the collection).
     */
    private volatile HashedIns lastQuery = new HashedIns(null, null, Map.of());

    /** The collection's documents by id (mongo-java-server's data map). */
    private final MVMap<Object, Document> documents;

    KeyedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
        this.documents = dataMap;
    }

    /**
     * Fills a kept index when it is new, as mongo-java-server does, and also when a sorted walk's index does not hold
     * one entry a document: an earlier version, which kept no such index, wrote to the data file since (a downgrade and
     * back). Its entries would miss the documents written meanwhile.
     */
    @Override
    public void addIndex(Index<Object> index) {
        if (index instanceof KeyedSecondaryIndex sorted && !sorted.answersRanges() && !sorted.isEmpty()
                && sorted.getCount() != count()) {
            sorted.drop();
        }
        super.addIndex(index);
    }

    /**
     * A page of a sorted query from a walk of a kept index in sort order ({@link SortedWalk}) when one can give it, and
     * reading the index's run of the query's first field does not cost more than the query's {@code $in} of many strings
     * would: that reads one document a value, a walk about {@code (skip + limit) * entries / values} (it reads a
     * value's document among that many others); otherwise as mongo-java-server answers it.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
            int batchSize, Document fieldSelector) {
        if (numberToReturn > 0 && orderBy != null && !orderBy.isEmpty()) {
            long wanted = (long) Math.max(numberToSkip, 0) + numberToReturn;
            for (Index<Object> index : getIndexes()) {
                SortedWalk walk = index instanceof KeyedSecondaryIndex sorted ? SortedWalk.of(sorted, query, orderBy)
                        : null;
                List<Document> page = walk == null || !worthWalking(walk, query, wanted) ? null
                        : walk.firstMatches(this::getDocument, document -> documentMatchesQuery(document, query),
                                wanted);
                if (page != null) {
                    return super.matchDocumentsFromStream(query, page.stream(), numberToSkip, numberToReturn,
                            batchSize, deriveComparator(orderBy), fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
    }

    /**
     * A query that no index serves, as mongo-java-server reads it (every document into memory at once); but a client's
     * find with no order, skip, limit or projection is given a batch at a time ({@link ScanCursor}). Only a client's
     * find asks for batches: mongo-java-server's own queries (a count, an update, a distinct) read their whole answer.
     */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
            int batchSize, Document fieldSelector) {
        if (batchSize <= 0 || orderBy != null && !orderBy.isEmpty() || numberToSkip > 0 || numberToReturn != 0
                || fieldSelector != null && !fieldSelector.isEmpty()) {
            return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
        ScanCursor cursor = new ScanCursor(cursorRegistry.generateCursorId(), this, query);
        List<Document> first = cursor.takeDocuments(batchSize);
        if (cursor.isEmpty()) {
            return new QueryResult(first);
        }
        cursorRegistry.add(cursor);
        return new QueryResult(first, cursor);
    }

    /** Up to {@code count} documents after the id {@code after}, in id order; the id of the last, and whether more follow. */
    record Batch(List<Document> documents, Object last, boolean more) {
    }

    /**
     * The first {@code count} documents that match {@code query} after the one of id {@code after} (from the first when
     * null), in id order, read from the data map, so that only those are held in memory. Under the collection's lock, as
     * each query of mongo-java-server's is.
     */
    synchronized Batch scan(Object after, Document query, int count) {
        List<Document> found = new ArrayList<>();
        Object from = after == null ? null : documents.higherKey(after);
        if (after != null && from == null) {
            return new Batch(found, after, false);
        }
        Object last = after;
        Cursor<Object, Document> cursor = documents.cursor(from);
        while (cursor.hasNext()) {
            Object id = cursor.next();
            Document document = cursor.getValue();
            if (!documentMatchesQuery(document, query)) {
                continue;
            }
            if (found.size() == count) {
                return new Batch(found, last, true);
            }
            found.add(document);
            last = id;
        }
        return new Batch(found, last, false);
    }

    /** Whether {@code walk} reads fewer documents than the query's smallest {@code $in} of many strings would. */
    private boolean worthWalking(SortedWalk walk, Document query, long wanted) {
        int fewest = hashedIns(query).sets().values().stream().mapToInt(Set::size).min().orElse(Integer.MAX_VALUE);
        return fewest == Integer.MAX_VALUE || (double) fewest * fewest > (double) wanted * walk.entriesOfFirst();
    }

    /** {@code query}'s {@code $in}s as hash sets, made once a query (the walk's choice and each document share them). */
    private HashedIns hashedIns(Document query) {
        HashedIns hashed = lastQuery;
        if (hashed.query != query) {
            hashed = HashedIns.of(query);
            lastQuery = hashed;
        }
        return hashed;
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        HashedIns hashed = hashedIns(query);
        if (hashed.sets.isEmpty()) {
            return super.documentMatchesQuery(document, query);
        }
        for (Map.Entry<String, Set<String>> in : hashed.sets.entrySet()) {
            if (!(document.get(in.getKey()) instanceof String value)) { // missing, an array, ...: as MongoDB reads it
                return super.documentMatchesQuery(document, query);
            }
            if (!in.getValue().contains(value)) {
                return false;
            }
        }
        return super.documentMatchesQuery(document, hashed.rest);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int numberToSkip,
            int numberToReturn, int batchSize, Comparator<Document> order, Document fieldSelector) {
        if (order == null || numberToReturn <= 0) {
            return super.matchDocumentsFromStream(query, documents, numberToSkip, numberToReturn, batchSize, order,
                    fieldSelector);
        }
        List<Document> best = best(documents.filter(document -> documentMatchesQuery(document, query)), order,
                (long) Math.max(numberToSkip, 0) + numberToReturn);
        // the few kept, sorted again (stably: still in the order kept) and cut as mongo-java-server cuts a page
        return super.matchDocumentsFromStream(query, best.stream(), numberToSkip, numberToReturn, batchSize, order,
                fieldSelector);
    }

    /**
     * The first {@code count} of {@code documents} in {@code order}, in order, as a stable sort would have them (of two
     * equal documents, the one read first).
     */
    static List<Document> best(Stream<Document> documents, Comparator<Document> order, long count) {
        Comparator<Read> inOrder = Comparator.comparing(Read::document, order).thenComparingLong(Read::number);
        PriorityQueue<Read> worstFirst = new PriorityQueue<>(inOrder.reversed());
        long[] read = { 0 };
        documents.forEach(document -> {
            Read next = new Read(document, read[0]++);
            if (worstFirst.size() < count) {
                worstFirst.add(next);
            } else if (inOrder.compare(next, worstFirst.peek()) < 0) {
                worstFirst.poll();
                worstFirst.add(next);
            }
        });
        List<Read> kept = new ArrayList<>(worstFirst);
        kept.sort(inOrder);
        return kept.stream().map(Read::document).toList();
    }

    /** A document and how many were read before it. */
    private record Read(Document document, long number) {
    }

    /**
     * A query's top-level {@code $in}s of at least {@link #HASHED_IN} strings, as hash sets by field, and the rest of the
     * query (for a document whose field holds a string, the set answers what the {@code $in} would).
     */
    private record HashedIns(Document query, Document rest, Map<String, Set<String>> sets) {

        static HashedIns of(Document query) {
            Map<String, Set<String>> sets = new HashMap<>();
            Document rest = new Document();
            query.forEach((field, condition) -> {
                Set<String> set = field.startsWith("$") || field.contains(".") ? null : strings(condition);
                if (set == null) {
                    rest.put(field, condition);
                } else {
                    sets.put(field, set);
                }
            });
            return new HashedIns(query, rest, sets);
        }

        /** The strings of {@code {"$in": [...]}} when it is that alone, of strings alone, many of them; else null. */
        private static Set<String> strings(Object condition) {
            if (!(condition instanceof Document operators) || operators.size() != 1
                    || !(operators.get("$in") instanceof List<?> values) || values.size() < HASHED_IN) {
                return null;
            }
            Set<String> set = new HashSet<>(values.size() * 2);
            for (Object value : values) {
                if (!(value instanceof String string)) {
                    return null;
                }
                set.add(string);
            }
            return set;
        }
    }
}
