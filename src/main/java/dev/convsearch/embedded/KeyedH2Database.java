package dev.convsearch.embedded;

import java.util.List;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/**
 * mongo-java-server's H2 database with its unique indexes on maps ordered by {@link KeyValueType}. Such a map is named
 * as the index's map with {@value #SUFFIX}; a data file made before keeps its indexes in maps of the old name, which are
 * copied into the new ones (in the new order) the first time they are opened, then removed.
 */
final class KeyedH2Database extends H2Database {

    static final String SUFFIX = ".keyed";

    /**
     * The store, for the indexes H2Database's constructor opens: it opens them before this class's fields are set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private KeyedH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        this.store = store;
    }

    static KeyedH2Database open(String databaseName, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new KeyedH2Database(databaseName, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    /** The store: during H2Database's constructor, the one being opened. */
    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    /** Each collection a {@link KeyedH2Collection}, on the maps H2Database names. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store();
        String namespace = getFullCollectionNamespace(collectionName);
        return new KeyedH2Collection(this, collectionName, options, mvStore.openMap("databases." + namespace),
                mvStore.openMap("meta." + namespace), cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVStore mvStore = store();
        String earlier = indexMapName(collectionName, indexName);
        MVMap<KeyValue, Object> map = mvStore.openMap(earlier + SUFFIX,
                new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
        if (map.isEmpty() && mvStore.hasMap(earlier)) {
            MVMap<Object, Object> old = mvStore.openMap(earlier);
            old.forEach((key, position) -> map.put((KeyValue) key, position));
            mvStore.removeMap(old);
        }
        return new KeyedUniqueIndex(map, indexName, keys, sparse);
    }

    /**
     * The secondary indexes kept ({@link KeyedSecondaryIndex}): those the search index's follower reads by range, after
     * a crash ({@code written_at} of the events, {@code deleted_at_ttl} of the deletions). mongo-java-server keeps no
     * secondary index, and every other one here would only cost every write (the conversations' search indexes: a
     * user's search is served by the unique index's run of the user, {@link KeyedUniqueIndex}).
     */
    static final Set<String> KEPT_SECONDARY = Set.of("written_at", "deleted_at_ttl");

    /**
     * The secondary indexes kept for sorted walks ({@link SortedWalk}): the conversations' search indexes without an
     * optional equality (ConversationIndexes) for the two default orders, last updated ({@code /api/conversations}) and
     * created ({@code /api/v1/app-conversations}). A page of a user's conversations then reads about a page of them in
     * order, instead of every conversation of the user to sort them (on one user of 8 000, a first page read all
     * 8 000). Each kept index costs every write (with these two an import of conversations ran 3-11 % slower,
     * BENCHMARKS.md): the title orders, and the indexes with an equality (repository, tag, trigger), stay unkept. A
     * search with an equality walks these and checks its filter on each conversation; a title order sorts the user's
     * matches in a bounded heap.
     */
    static final Set<String> SORTED = Set.of("search_v2_user_last_updated_at", "search_v2_user_created_at");

    /**
     * A kept secondary index ({@link #KEPT_SECONDARY}, {@link #SORTED}), filled from the collection's documents when it
     * is new; any other is a stand-in that keeps nothing. The stand-in says it is not empty: mongo-java-server's own
     * stand-in read as empty, and opening the database read every document of the collection twice for each such index,
     * to fill an index that keeps nothing (18 of the 20 s that a data folder of 200 000 events took to open).
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        boolean answersRanges = KEPT_SECONDARY.contains(indexName);
        if (!answersRanges && !SORTED.contains(indexName)) {
            return new UnkeptIndex(indexName, keys);
        }
        MVStore mvStore = store();
        MVMap<KeyValue, Object> map = mvStore.openMap(indexMapName(collectionName, indexName) + SUFFIX,
                new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
        return new KeyedSecondaryIndex(map, indexName, keys, sparse, answersRanges);
    }

    /** A secondary index, kept by nobody: never to be filled. */
    private static final class UnkeptIndex extends EmptyIndex<Object> {

        UnkeptIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = indexMapName(collection.getCollectionName(), indexName) + SUFFIX;
        if (store.hasMap(name)) {
            store.removeMap(name);
        }
    }

    /** The name H2Database gives an index's map. */
    private String indexMapName(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }
}
