package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StoredOpenApiDocumentTest} against the packaged application, which serves the stored document itself. */
@QuarkusIntegrationTest
class StoredOpenApiDocumentIT extends StoredOpenApiDocumentTest {

    @Override
    boolean generated() {
        return false;
    }
}
