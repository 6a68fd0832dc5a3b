package dev.convsearch.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OperationsTest} against the packaged application; with {@code -Paot}, part of the AOT cache's training run. */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
