package dev.convsearch.embedded;

import java.io.File;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreTool;
import org.jboss.logging.Logger;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend, made durable: the MVStore is opened without its background auto-commit, and every
 * command that may write is applied and then committed and synced to disk before its reply is sent. So a write the
 * service was told succeeded survives a crash, and a crash never leaves half of a write on disk.
 * <p>
 * A write is applied under the write lock, and a commit takes the write lock too: a commit must never capture another
 * write half-applied (a document stored but its unique-index entry not yet). Writes commit in groups: a write applied
 * while another's commit and sync are under way waits for the next commit, which takes every write applied by then, so
 * concurrent writers share one commit and one sync, and none is answered before a sync that holds it. Commands known to
 * only read share the read lock (they may see a write that is not yet answered, as MongoDB's local reads do). A bulk
 * write (an import batch of 500 upserts) is one command.
 * <p>
 * Every answer is copied before the lock is let go: an answer holds the stored documents themselves, which writes change
 * in place, and it is written to the wire after this returns. Without the copy a write could change a page between the
 * query and the reply (a conversation shown with a title it was not sorted by, and a cursor made from it pointing back
 * into pages already seen).
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that never change the store; every other command is treated as a write. */
    private static final Set<String> READ_ONLY = Set.of("find", "getMore", "count", "distinct", "aggregate",
            "killCursors", "ping", "hello", "isMaster", "ismaster", "buildInfo", "buildinfo", "listCollections",
            "listIndexes", "listDatabases", "endSessions", "serverStatus", "getParameter", "hostInfo", "dbStats",
            "collStats", "connectionStatus", "whatsmyuri", "getCmdLineOpts", "getFreeMonitoringStatus", "getLog");

    private static final int PAGE_SPLIT_BYTES = 4096;
    /**
     * The page cache, in MB: MVStore keeps the documents of the pages it read decoded in it (decoding a page from the
     * file is Java deserialisation, the slowest part of a read), so the conversations a search scans stay in it while
     * the events' pages come and go.
     */
    private static final int CACHE_MB = 64;
    /** Every this many commits, chunks less full than {@link #COMPACT_FILL_RATE} % are rewritten and their space freed. */
    private static final int COMPACT_EVERY_COMMITS = 100;
    private static final int COMPACT_FILL_RATE = 60;
    private static final int COMPACT_BYTES = 4 * 1024 * 1024;
    /**
     * Space of old chunks is reused after this long (MVStore's default is 45 s, for file systems that flush late):
     * every commit here is synced before it is answered, so a short time is safe, and the file no longer grows by
     * the size of every write of the last 45 s under a steady load.
     */
    private static final int RETENTION_MILLIS = 1000;
    /**
     * At a clean close, a file whose chunks hold less than this % of live data is rewritten whole, to a new file that
     * replaces it at once (MVStore keeps old chunks until their space is reused, so a file grows to many times what it
     * holds: 2.4 GB for 200 000 events, 0.28 GB rewritten, in 6 s).
     */
    private static final int REWRITE_BELOW_FILL_RATE = 50;

    private static final Logger LOG = Logger.getLogger(DurableH2Backend.class);

    private final MVStore store;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** How many writes were applied, and up to which of them the file holds: both only grow. */
    private long applied;
    private long durable;
    /** Whether a commit and sync is under way (then the others wait for it); commits made, for compaction. */
    private boolean committing;
    private int commits;

    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
        store.setRetentionTime(RETENTION_MILLIS);
    }

    /**
     * Opens the store of {@code file} with commits left to this backend. Pages split at 4 KB instead of 16 KB: a commit
     * rewrites every page it touched, so smaller pages write less per commit (faster imports, a smaller file; see
     * BENCHMARKS.md). The setting is not stored in the file, so files made with other sizes open as before.
     */
    static DurableH2Backend open(String file) {
        return new DurableH2Backend(new MVStore.Builder().fileName(file).autoCommitDisabled().pageSplitSize(PAGE_SPLIT_BYTES)
                .cacheSize(CACHE_MB).open());
    }

    /** Closes the store; then rewrites a file that is mostly old chunks ({@link #REWRITE_BELOW_FILL_RATE}). */
    @Override
    public void close() {
        FileStore<?> file = store.getFileStore();
        boolean rewrite = file != null && !file.isReadOnly() && !store.isClosed()
                && file.getChunksFillRate() < REWRITE_BELOW_FILL_RATE;
        String name = file == null ? null : file.getFileName();
        super.close();
        if (rewrite) {
            long before = new File(name).length();
            long start = System.nanoTime();
            MVStoreTool.compact(name, true);
            LOG.infof("Rewrote the embedded database's file without its old chunks: %d MB -> %d MB in %d ms",
                    before >> 20, new File(name).length() >> 20, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Databases whose unique indexes compare their keys as values ({@link KeyedH2Database}). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return KeyedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (READ_ONLY.contains(command)) {
            return locked(lock.readLock(), () -> copyOf(super.handleCommand(channel, databaseName, command, query)));
        }
        long[] mine = new long[1];
        Document answer = locked(lock.writeLock(), () -> {
            try {
                return copyOf(super.handleCommand(channel, databaseName, command, query));
            } finally {
                mine[0] = ++applied;
            }
        });
        awaitDurable(mine[0]);
        return answer;
    }

    /**
     * Returns once write {@code write} is on disk: commits and syncs every write applied by then, unless another thread
     * is doing so, whose commit then holds it, or the next one will.
     */
    private void awaitDurable(long write) {
        synchronized (this) {
            while (durable < write && committing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted before the write was on disk", e);
                }
            }
            if (durable >= write) {
                return;
            }
            committing = true;
        }
        long upTo = 0;
        RuntimeException failure = null;
        try {
            upTo = commitApplied();
            store.sync();
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (this) {
            committing = false;
            if (failure == null) {
                durable = Math.max(durable, upTo);
            }
            notifyAll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Document locked(Lock lock, Supplier<Document> command) {
        lock.lock();
        try {
            return command.get();
        } finally {
            lock.unlock();
        }
    }

    private static Document copyOf(Document answer) {
        return answer == null ? null : answer.cloneDeeply();
    }

    /**
     * Writes what the applied writes changed to the file (under the write lock: no write is half-applied), and says up
     * to which write it holds; the caller syncs it. Now and then first rewrites the chunks that are mostly garbage (with
     * no background thread, MVStore would not), so that the file stays near the size of what it holds.
     */
    private long commitApplied() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            long upTo = applied; // written under the write lock too
            if (store.hasUnsavedChanges()) {
                if (++commits % COMPACT_EVERY_COMMITS == 0) {
                    store.compact(COMPACT_FILL_RATE, COMPACT_BYTES);
                }
                store.commit();
            }
            return upTo;
        } finally {
            write.unlock();
        }
    }
}
