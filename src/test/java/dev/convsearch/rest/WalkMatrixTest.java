package dev.convsearch.rest;

import dev.convsearch.support.MongoWireServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The walk matrix on the tests' MongoDB-wire server (mongo-java-server in memory), as every other API test runs. */
@QuarkusTest
@WithTestResource(MongoWireServer.class)
class WalkMatrixTest extends WalkMatrix {
}
