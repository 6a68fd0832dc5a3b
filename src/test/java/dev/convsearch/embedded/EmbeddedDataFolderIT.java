package dev.convsearch.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.convsearch.support.PackagedService;

/** One data folder, one process: a second convsearch on the folder in use stops at once and says why in one line. */
class EmbeddedDataFolderIT {

    @Test
    void aSecondServiceOnTheSameDataFolderStopsWithOneClearLine(@TempDir Path data) throws Exception {
        Map<String, String> env = Map.of("CONVSEARCH_EMBEDDED_DATA_DIR", data.toString());
        try (PackagedService first = PackagedService.start(env).awaitReady(Duration.ofSeconds(60));
                PackagedService second = PackagedService.start(env)) {
            assertTrue(second.waitForExit(Duration.ofSeconds(60)), "the second service exits");
            String expected = "another convsearch is using " + data.toAbsolutePath()
                    + "; stop it or set CONVSEARCH_EMBEDDED_DATA_DIR";
            List<String> lines = second.log().lines().filter(line -> line.contains("another convsearch")).toList();
            assertEquals(List.of(expected), lines, second.log());
            assertTrue(second.log().lines().noneMatch(line -> line.contains("Exception")), second.log());
            assertEquals(1, second.exitValue());
            assertEquals(200, first.status("/q/health/ready", null), "the first one is unaffected");
        }
    }
}
