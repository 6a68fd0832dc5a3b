package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ImportTest} against the packaged application; with {@code -Paot}, part of the AOT cache's training run. */
@QuarkusIntegrationTest
class ImportIT extends ImportTest {
}
