package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OrganisingTest} against the packaged application. */
@QuarkusIntegrationTest
class OrganisingIT extends OrganisingTest {
}
