package dev.convsearch.support;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on its embedded default database (mongo-java-server on an H2 file, as the README runs it), in a data
 * folder of its own under target/, with the test users' keys: for tests that must hold on both backends.
 */
public class EmbeddedDatabaseProfile implements QuarkusTestProfile {

    /** A new folder for each test run, so no run sees another's data. */
    public static final Path DATA_DIR = Path.of("target", "embedded-database-" + ProcessHandle.current().pid());

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "convsearch.embedded.data-dir", DATA_DIR.toString(),
                "convsearch.auth.static-keys", TestUsers.staticKeysSetting());
    }
}
