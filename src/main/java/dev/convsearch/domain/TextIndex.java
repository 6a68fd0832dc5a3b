package dev.convsearch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.convsearch.api.TextMatch;
import io.smallrye.mutiny.Uni;

/**
 * The search engine behind {@code q}, derived from what MongoDB keeps ({@link KeptText}): the service keeps texts in
 * it, forgets a deleted conversation's texts, and asks which of a user's conversations hold a query's words. Its work
 * runs off the event loop. Nothing of the engine shows through: the Lucene adapter implements it, and a MongoDB
 * Search one could (docs/mongodb-search.md).
 */
public interface TextIndex {

    /**
     * Opens the index, made empty when there is none; once open, it keeps and forgets. Fails with {@link FolderHeld}
     * when another process holds its folder: trying again cannot help.
     */
    Uni<Void> open();

    /** The index's folder is held by another process; the message names it and the setting to change. */
    class FolderHeld extends RuntimeException {

        public FolderHeld(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether the index is open. */
    boolean isOpen();

    /**
     * Whether a text was kept or forgotten before the index was open: MongoDB alone holds it, and the follower must
     * read it from there.
     */
    boolean missedWrites();

    /** Whether the index is open and has caught up with MongoDB since start: only then can it answer. */
    boolean ready();

    /**
     * Adds or replaces these texts (by user, conversation and event id); the next search finds them. Before the index is
     * open it does nothing but note {@link #missedWrites()}.
     */
    Uni<Void> keep(List<KeptText> texts);

    /** Forgets every text of the user's conversation written at or before {@code upTo} (as {@link #keep} before open). */
    Uni<Void> forget(String userId, String conversationId, Instant upTo);

    /** The user's conversations whose title or texts hold every word and phrase of {@code query}, and how well. */
    Uni<TextHits> find(String userId, TextQuery query);

    /**
     * For each of the user's conversations {@code conversationIds}, up to {@code perConversation} of its events that
     * best match {@code query}, best first (none when only its title matched).
     */
    Uni<Map<String, List<TextMatch>>> textMatches(String userId, TextQuery query, List<String> conversationIds,
            int perConversation);

    /** What the index had taken in when it was opened, as its last commit recorded it: see {@link IndexState}. */
    IndexState state();

    /** Makes what was kept and forgotten durable, with the state it brings the index to. */
    Uni<Void> commit(IndexState state);

    /** Forgets everything (an index made from another database). */
    Uni<Void> clear();

    /** Marks the index caught up: from now on it answers. */
    void caughtUp();

    /** How many events' texts this process has taken into the index. */
    long indexedEvents();

    /** The index's size on disk, in bytes. */
    long sizeOnDisk();

    /**
     * How many parts a search reads now (Lucene's segments): each costs every search a look-up of each word; 0 when
     * the index is not open.
     */
    int segments();

    /**
     * What the index holds: every text written before {@code complete} (null: none yet), from the database whose
     * identity is {@code databaseId} (null: unknown); {@code closedCleanly}: the process that wrote it closed it after
     * its last write (not killed), so it also holds every text that process wrote after {@code complete}.
     */
    record IndexState(Instant complete, String databaseId, boolean closedCleanly) {

        public IndexState(Instant complete, String databaseId) {
            this(complete, databaseId, false);
        }
    }
}
