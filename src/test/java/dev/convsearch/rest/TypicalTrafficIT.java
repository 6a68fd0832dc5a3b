package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link TypicalTrafficTest} against the packaged application; with {@code -Paot}, the AOT cache's training run. */
@QuarkusIntegrationTest
class TypicalTrafficIT extends TypicalTrafficTest {
}
