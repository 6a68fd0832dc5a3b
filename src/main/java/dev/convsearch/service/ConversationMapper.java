package dev.convsearch.service;

import java.util.List;

import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.ProviderType;
import dev.convsearch.api.RuntimeStatus;
import dev.convsearch.api.WireEnum;
import dev.convsearch.repository.ConversationDocument;

/** Turns stored documents into API records. */
public final class ConversationMapper {

    private ConversationMapper() {
    }

    public static ConversationInfo toInfo(ConversationDocument doc) {
        return new ConversationInfo(
                doc.conversationId,
                doc.title,
                doc.lastUpdatedAt,
                doc.status == null ? ConversationStatus.STOPPED : enumOf(ConversationStatus.class, doc.status),
                enumOf(RuntimeStatus.class, doc.runtimeStatus),
                doc.selectedRepository,
                doc.selectedBranch,
                enumOf(ProviderType.class, doc.gitProvider),
                enumOf(ConversationTrigger.class, doc.trigger),
                doc.numConnections == null ? 0 : doc.numConnections,
                doc.url,
                doc.sessionApiKey,
                doc.createdAt,
                doc.prNumber == null ? List.of() : doc.prNumber);
    }

    /** The constant stored as {@code value}; null when absent or no longer known (old data stays readable). */
    private static <E extends Enum<E> & WireEnum> E enumOf(Class<E> type, String value) {
        return value == null ? null : WireEnum.parse(type, value).orElse(null);
    }
}
