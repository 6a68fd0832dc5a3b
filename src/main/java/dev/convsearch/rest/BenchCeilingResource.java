package dev.convsearch.rest;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The benchmark's HTTP ceiling: a fixed body the size of a default search page, with no authentication and no
 * database. Exists only in a build made with {@code -Dconvsearch.bench.ceiling=true} (scripts/bench.sh makes one in
 * target/bench-app); the production build leaves it out.
 */
@Path("/bench/ceiling")
@IfBuildProperty(name = "convsearch.bench.ceiling", stringValue = "true")
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
