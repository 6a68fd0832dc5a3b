package dev.convsearch.rest;

import dev.convsearch.support.EmbeddedDatabaseProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The walk matrix on the embedded database, the README's default (mongo-java-server on an H2 file). */
@QuarkusTest
@TestProfile(EmbeddedDatabaseProfile.class)
class EmbeddedWalkMatrixTest extends WalkMatrix {
}
