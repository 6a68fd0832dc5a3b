package dev.convsearch.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited JSON one line at a time with bounded memory: a line longer than the limit is skipped to its
 * end and reported as too long, never held whole.
 */
final class NdjsonLines {

    /** One line: its 1-based number, its text (without the line end), or that it was too long to read. */
    record Line(int number, String text, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private int number;

    NdjsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        current.reset();
        boolean tooLong = false;
        boolean readAny = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return readAny ? line(tooLong) : null;
                }
            }
            readAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && current.size() + length <= maxLineBytes) {
                current.write(buffer, start, length);
            } else {
                tooLong = true;
            }
            if (position < limit) {
                position++;
                return line(tooLong);
            }
        }
    }

    private Line line(boolean tooLong) {
        number++;
        if (tooLong) {
            return new Line(number, null, true);
        }
        String text = current.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Line(number, text, false);
    }
}
