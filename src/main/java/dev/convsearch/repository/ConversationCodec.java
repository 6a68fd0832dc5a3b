package dev.convsearch.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecProvider;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * Reads and writes {@link ConversationDocument}s field by field, by stored name (Quarkus registers every
 * {@link CodecProvider} of the application with its MongoDB client). The generic POJO codec looks each name up among
 * all the class's properties, one by one; with some thirty properties that was a tenth of a search's CPU
 * (BENCHMARKS.md). A value of an unexpected BSON type (data older than its rule) is skipped, and reads as absent.
 * ConversationCodecTest checks that every stored name of the field table is written and read back.
 */
public class ConversationCodec implements Codec<ConversationDocument>, CodecProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> Codec<T> get(Class<T> type, CodecRegistry registry) {
        return type == ConversationDocument.class ? (Codec<T>) this : null;
    }

    @Override
    public Class<ConversationDocument> getEncoderClass() {
        return ConversationDocument.class;
    }

    @Override
    public ConversationDocument decode(BsonReader reader, DecoderContext context) {
        ConversationDocument doc = new ConversationDocument();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            BsonType type = reader.getCurrentBsonType();
            switch (name) {
                case "_id" -> doc.id = type == BsonType.OBJECT_ID ? reader.readObjectId() : skipped(reader);
                case "user_id" -> doc.userId = text(reader);
                case "conversation_id" -> doc.conversationId = text(reader);
                case "title" -> doc.title = text(reader);
                case "selected_repository" -> doc.selectedRepository = text(reader);
                case "selected_branch" -> doc.selectedBranch = text(reader);
                case "git_provider" -> doc.gitProvider = text(reader);
                case "trigger" -> doc.trigger = text(reader);
                case "status" -> doc.status = text(reader);
                case "runtime_status" -> doc.runtimeStatus = text(reader);
                case "url" -> doc.url = text(reader);
                case "session_api_key" -> doc.sessionApiKey = text(reader);
                case "num_connections" -> doc.numConnections = number(reader, Number::intValue);
                case "pr_number" -> doc.prNumber = list(reader, r -> number(r, Number::intValue));
                case "created_at" -> doc.createdAt = instant(reader);
                case "last_updated_at" -> doc.lastUpdatedAt = instant(reader);
                case "tags" -> doc.tags = list(reader, ConversationCodec::text);
                case "archived" -> doc.archived = bool(reader);
                case "parent_conversation_id" -> doc.parentConversationId = text(reader);
                case ConversationDocument.HAS_PARENT -> doc.hasParent = bool(reader);
                case ConversationDocument.HAS_SUB_CONVERSATIONS -> doc.hasSubConversations = bool(reader);
                case "llm_model" -> doc.llmModel = text(reader);
                case "accumulated_cost" -> doc.accumulatedCost = number(reader, Number::doubleValue);
                case "prompt_tokens" -> doc.promptTokens = number(reader, Number::longValue);
                case "completion_tokens" -> doc.completionTokens = number(reader, Number::longValue);
                case "execution_status" -> doc.executionStatus = text(reader);
                case ConversationDocument.INFO_UPDATED_AT -> doc.infoUpdatedAt = instant(reader);
                case ConversationDocument.REVISED_AT -> doc.revisedAt = instant(reader);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return doc;
    }

    @Override
    public void encode(BsonWriter writer, ConversationDocument doc, EncoderContext context) {
        writer.writeStartDocument();
        field(writer, "_id", doc.id, BsonWriter::writeObjectId);
        field(writer, "user_id", doc.userId, BsonWriter::writeString);
        field(writer, "conversation_id", doc.conversationId, BsonWriter::writeString);
        field(writer, "title", doc.title, BsonWriter::writeString);
        field(writer, "selected_repository", doc.selectedRepository, BsonWriter::writeString);
        field(writer, "selected_branch", doc.selectedBranch, BsonWriter::writeString);
        field(writer, "git_provider", doc.gitProvider, BsonWriter::writeString);
        field(writer, "trigger", doc.trigger, BsonWriter::writeString);
        field(writer, "status", doc.status, BsonWriter::writeString);
        field(writer, "runtime_status", doc.runtimeStatus, BsonWriter::writeString);
        field(writer, "url", doc.url, BsonWriter::writeString);
        field(writer, "session_api_key", doc.sessionApiKey, BsonWriter::writeString);
        field(writer, "num_connections", doc.numConnections, BsonWriter::writeInt32);
        field(writer, "pr_number", doc.prNumber, arrayOf(BsonWriter::writeInt32));
        field(writer, "created_at", doc.createdAt, ConversationCodec::writeInstant);
        field(writer, "last_updated_at", doc.lastUpdatedAt, ConversationCodec::writeInstant);
        field(writer, "tags", doc.tags, arrayOf(BsonWriter::writeString));
        field(writer, "archived", doc.archived, BsonWriter::writeBoolean);
        field(writer, "parent_conversation_id", doc.parentConversationId, BsonWriter::writeString);
        field(writer, ConversationDocument.HAS_PARENT, doc.hasParent, BsonWriter::writeBoolean);
        field(writer, ConversationDocument.HAS_SUB_CONVERSATIONS, doc.hasSubConversations, BsonWriter::writeBoolean);
        field(writer, "llm_model", doc.llmModel, BsonWriter::writeString);
        field(writer, "accumulated_cost", doc.accumulatedCost, BsonWriter::writeDouble);
        field(writer, "prompt_tokens", doc.promptTokens, BsonWriter::writeInt64);
        field(writer, "completion_tokens", doc.completionTokens, BsonWriter::writeInt64);
        field(writer, "execution_status", doc.executionStatus, BsonWriter::writeString);
        field(writer, ConversationDocument.INFO_UPDATED_AT, doc.infoUpdatedAt, ConversationCodec::writeInstant);
        field(writer, ConversationDocument.REVISED_AT, doc.revisedAt, ConversationCodec::writeInstant);
        writer.writeEndDocument();
    }

    private static String text(BsonReader reader) {
        return reader.getCurrentBsonType() == BsonType.STRING ? reader.readString() : skipped(reader);
    }

    private static Boolean bool(BsonReader reader) {
        return reader.getCurrentBsonType() == BsonType.BOOLEAN ? reader.readBoolean() : skipped(reader);
    }

    private static Instant instant(BsonReader reader) {
        return reader.getCurrentBsonType() == BsonType.DATE_TIME ? Instant.ofEpochMilli(reader.readDateTime())
                : skipped(reader);
    }

    /** A number stored as any of BSON's numeric types, as {@code as} gives it. */
    private static <N> N number(BsonReader reader, Function<Number, N> as) {
        return switch (reader.getCurrentBsonType()) {
            case INT32 -> as.apply(reader.readInt32());
            case INT64 -> as.apply(reader.readInt64());
            case DOUBLE -> as.apply(reader.readDouble());
            default -> skipped(reader);
        };
    }

    private static <E> List<E> list(BsonReader reader, Function<BsonReader, E> element) {
        if (reader.getCurrentBsonType() != BsonType.ARRAY) {
            return skipped(reader);
        }
        List<E> list = new ArrayList<>();
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            E value = element.apply(reader);
            if (value != null) {
                list.add(value);
            }
        }
        reader.readEndArray();
        return list;
    }

    /** Skips a value of an unexpected type: it reads as absent. */
    private static <V> V skipped(BsonReader reader) {
        reader.skipValue();
        return null;
    }

    /** Writes {@code name} and {@code value} with {@code write}; nothing when the value is absent. */
    private static <V> void field(BsonWriter writer, String name, V value, BiConsumer<BsonWriter, V> write) {
        if (value != null) {
            writer.writeName(name);
            write.accept(writer, value);
        }
    }

    private static <E> BiConsumer<BsonWriter, List<E>> arrayOf(BiConsumer<BsonWriter, E> element) {
        return (writer, values) -> {
            writer.writeStartArray();
            values.forEach(value -> element.accept(writer, value));
            writer.writeEndArray();
        };
    }

    private static void writeInstant(BsonWriter writer, Instant value) {
        writer.writeDateTime(value.toEpochMilli());
    }
}
