package dev.convsearch.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import dev.convsearch.service.ImportLine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The lines of an NDJSON import body as they arrive, each read into an {@link ImportLine}: blank lines are skipped, a
 * line longer than {@value #MAX_LINE_BYTES} bytes is reported, never held. The body is read on worker threads only
 * (it blocks), one request's worth at a time, so memory stays bounded.
 */
final class ImportLines {

    static final int MAX_LINE_BYTES = 1 << 20;

    private ImportLines() {
    }

    static Multi<ImportLine> of(InputStream body, ConversationBodies bodies) {
        return Multi.createFrom().<ImportLine> iterable(() -> new Reader(new NdjsonLines(body, MAX_LINE_BYTES), bodies))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Reads one line ahead, so that blank lines never reach the import. */
    private static final class Reader implements Iterator<ImportLine> {
        private final NdjsonLines lines;
        private final ConversationBodies bodies;
        private ImportLine next;

        Reader(NdjsonLines lines, ConversationBodies bodies) {
            this.lines = lines;
            this.bodies = bodies;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    NdjsonLines.Line line = lines.next();
                    if (line == null) {
                        return false;
                    }
                    if (line.tooLong()) {
                        next = ImportLine.failed(line.number(), "Line longer than " + MAX_LINE_BYTES + " bytes");
                    } else if (!line.text().isBlank()) {
                        next = bodies.forImport(line.number(), line.text());
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public ImportLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ImportLine line = next;
            next = null;
            return line;
        }
    }
}
