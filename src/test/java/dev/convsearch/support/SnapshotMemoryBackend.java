package dev.convsearch.support;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's in-memory backend, answering every command with a copy made before the next command runs, as
 * MongoDB answers with the documents as they were. The plain backend answers with the stored documents themselves,
 * which it updates in place, and writes them to the wire after the command returned: a concurrent update could then
 * change a document between matching and sending, so that a page held a conversation with a title it was not sorted
 * by, and the cursor made from it pointed back into pages already seen (a failure of the concurrent-walk tests that
 * real MongoDB cannot produce). Commands run one at a time; the tests' load does not notice.
 */
public final class SnapshotMemoryBackend extends MemoryBackend {

    @Override
    public synchronized Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        return answer == null ? null : answer.cloneDeeply();
    }
}
