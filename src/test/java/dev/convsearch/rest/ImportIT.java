package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ImportTest} against the packaged application. */
@QuarkusIntegrationTest
class ImportIT extends ImportTest {
}
