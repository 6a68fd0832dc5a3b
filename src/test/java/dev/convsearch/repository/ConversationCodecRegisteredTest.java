package dev.convsearch.repository;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.convsearch.support.MongoWireServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The running service reads and writes conversations with {@link ConversationCodec}, not the generic POJO codec. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class ConversationCodecRegisteredTest {

    @Inject
    ConversationRepository repository;

    @Test
    void theMongoClientUsesTheConversationCodec() {
        assertInstanceOf(ConversationCodec.class,
                repository.mongoCollection().getCodecRegistry().get(ConversationDocument.class));
    }
}
