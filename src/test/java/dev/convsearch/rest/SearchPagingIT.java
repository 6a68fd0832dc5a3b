package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SearchPagingTest} against the packaged application. */
@QuarkusIntegrationTest
class SearchPagingIT extends SearchPagingTest {
}
