package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ConversationApiTest} against the packaged application. */
@QuarkusIntegrationTest
class ConversationApiIT extends ConversationApiTest {
}
