package dev.convsearch.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.jboss.logging.Logger;

/**
 * The key of user {@code local} on the embedded database: made on first start, printed once, and kept in
 * {@code <data-dir>/local-api-key} (owner read/write only) so that it survives restarts.
 */
final class LocalApiKey {

    static final String USER = "local";
    private static final Logger LOG = Logger.getLogger(LocalApiKey.class);

    private final Path file;

    LocalApiKey(Path dataDir) {
        this.file = dataDir.resolve("local-api-key");
    }

    /** The kept key, or a new one written to the file and printed. */
    String loadOrCreate() {
        try {
            if (Files.exists(file)) {
                LOG.infof("API key of user '%s' is in %s (header X-Session-API-Key)", USER, file);
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            String key = ApiKeys.generate();
            write(key);
            LOG.infof("Created the API key of user '%s', shown this once and kept in %s: %s", USER, file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the local API key in " + file, e);
        }
    }

    private void write(String key) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
