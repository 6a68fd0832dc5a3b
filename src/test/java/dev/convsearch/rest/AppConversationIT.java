package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AppConversationTest} against the packaged application. */
@QuarkusIntegrationTest
class AppConversationIT extends AppConversationTest {
}
