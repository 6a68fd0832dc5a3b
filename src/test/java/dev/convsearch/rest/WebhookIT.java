package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WebhookTest} against the packaged application. */
@QuarkusIntegrationTest
class WebhookIT extends WebhookTest {
}
