package dev.convsearch.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.convsearch.config.ConvsearchConfig;
import dev.convsearch.domain.ConversationField;
import dev.convsearch.domain.PagePosition;
import dev.convsearch.domain.Rank;
import dev.convsearch.domain.SearchFilter;
import dev.convsearch.domain.SortOrder;

/**
 * Encodes and checks {@code page_id} cursors. A cursor is base64url of the last sort value and the walk's start, the
 * last conversation id, and an HMAC-SHA256 tag (12 bytes) over those and the query the page came from: the sort order
 * and the whole filter, user included. A cursor that was altered, truncated, or comes from another query or user fails
 * the tag check and is refused. For the date orders the sort value and the start are 8 bytes of epoch millis each;
 * for the title orders the start comes first, then the title (2 bytes of length, UTF-8); for the relevance order the
 * start, then the {@link Rank} (its title matches, score and last update).
 */
@ApplicationScoped
public class PageCursors {

    private static final String ALGORITHM = "HmacSHA256";
    /** The shortest body of any cursor: a start, a title's length and one byte of id. */
    private static final int MIN_BODY_BYTES = Long.BYTES + Short.BYTES + 1;
    private static final int TAG_BYTES = 12;
    /** A relevance: the title's matches (2), the score (4), the last update (8). */
    private static final int RANK_BYTES = Short.BYTES + Float.BYTES + Long.BYTES;
    /** Longer than any cursor this class makes (ids are at most 100 characters, titles 200). */
    private static final int MAX_TOKEN_LENGTH = 2048;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    @Inject
    public PageCursors(ConvsearchConfig config) {
        this(config.cursor().secret());
    }

    /** Cursors signed with {@code secret}. */
    public PageCursors(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The cursor that resumes after {@code position} for the same filter and order. */
    public String encode(PagePosition position, SearchFilter filter, SortOrder order) {
        byte[] id = position.conversationId().getBytes(StandardCharsets.UTF_8);
        byte[] title = position.sortValue() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        int sortBytes = position.sortValue() instanceof Rank ? RANK_BYTES
                : title == null ? Long.BYTES : Short.BYTES + title.length;
        ByteBuffer body = ByteBuffer.allocate(Long.BYTES + sortBytes + id.length + TAG_BYTES);
        if (position.sortValue() instanceof Rank rank) {
            body.putLong(position.asOf().toEpochMilli()).putShort((short) rank.titleClauses())
                    .putFloat(rank.score()).putLong(rank.updatedAt().toEpochMilli());
        } else if (title == null) {
            body.putLong(((Instant) position.sortValue()).toEpochMilli()).putLong(position.asOf().toEpochMilli());
        } else {
            body.putLong(position.asOf().toEpochMilli()).putShort((short) title.length).put(title);
        }
        body.put(id);
        int bodyLength = body.position();
        body.put(tag(body.array(), bodyLength, filter, order));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /** The position {@code token} names, or empty when it is malformed or was not made for this filter and order. */
    public Optional<PagePosition> decode(String token, SearchFilter filter, SortOrder order) {
        byte[] bytes = bytes(token);
        if (bytes == null) {
            return Optional.empty();
        }
        int bodyLength = bytes.length - TAG_BYTES;
        byte[] expected = tag(bytes, bodyLength, filter, order);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 0, bodyLength);
        Object sortValue;
        Instant asOf;
        if (order == SortOrder.RELEVANCE) {
            if (body.remaining() <= Long.BYTES + RANK_BYTES) {
                return Optional.empty();
            }
            asOf = Instant.ofEpochMilli(body.getLong());
            sortValue = new Rank(body.getShort(), body.getFloat(), Instant.ofEpochMilli(body.getLong()));
        } else if (order.field() == ConversationField.TITLE) {
            asOf = Instant.ofEpochMilli(body.getLong());
            int titleLength = Short.toUnsignedInt(body.getShort());
            if (titleLength > body.remaining()) {
                return Optional.empty();
            }
            sortValue = new String(bytes, body.position(), titleLength, StandardCharsets.UTF_8);
            body.position(body.position() + titleLength);
        } else {
            if (body.remaining() <= 2 * Long.BYTES) {
                return Optional.empty();
            }
            sortValue = Instant.ofEpochMilli(body.getLong());
            asOf = Instant.ofEpochMilli(body.getLong());
        }
        String id = new String(bytes, body.position(), bodyLength - body.position(), StandardCharsets.UTF_8);
        return Optional.of(new PagePosition(sortValue, id, asOf));
    }

    /** Whether {@code token} has the form of a cursor (its tag unchecked: for a query too broken to check it with). */
    public boolean isWellFormed(String token) {
        return bytes(token) != null;
    }

    /** The bytes of a token of a cursor's form, or null. */
    private static byte[] bytes(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return bytes.length - TAG_BYTES >= MIN_BODY_BYTES ? bytes : null;
    }

    private byte[] tag(byte[] body, int length, SearchFilter filter, SortOrder order) {
        Mac mac = macs.get();
        mac.update(body, 0, length);
        mac.update((byte) 0);
        mac.update(order.wire().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(filter.fingerprint().getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
