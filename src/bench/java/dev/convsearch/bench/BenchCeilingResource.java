package dev.convsearch.bench;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The benchmark's HTTP ceiling: a fixed body the size of a default search page, with no authentication and no
 * database. Its source folder, src/bench/java, is compiled only by the {@code bench} profile (scripts/bench.sh builds
 * target/bench-app with it): no other build has it.
 */
@Path("/bench/ceiling")
public class BenchCeilingResource {

    private static final int SIZE = Integer.getInteger("convsearch.bench.ceiling-bytes", 7500);
    private static final byte[] BODY = ("{\"results\":\"" + "x".repeat(Math.max(0, SIZE - 30)) + "\",\"next_page_id\":null}")
            .getBytes(StandardCharsets.UTF_8);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public byte[] fixed() {
        return BODY;
    }
}
