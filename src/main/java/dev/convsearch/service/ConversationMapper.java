package dev.convsearch.service;

import java.util.List;

import dev.convsearch.api.AppConversation;
import dev.convsearch.api.AppConversation.MetricsSnapshot;
import dev.convsearch.api.AppConversation.SandboxStatus;
import dev.convsearch.api.AppConversation.TokenUsage;
import dev.convsearch.api.ConversationInfo;
import dev.convsearch.api.ConversationStatus;
import dev.convsearch.api.ConversationTrigger;
import dev.convsearch.api.ProviderType;
import dev.convsearch.api.RuntimeStatus;
import dev.convsearch.api.TextMatch;
import dev.convsearch.api.WireEnum;
import dev.convsearch.repository.ConversationDocument;

/** Turns stored documents into the API's records. */
public final class ConversationMapper {

    /** As {@code /api/conversations} shows it. */
    public static final ConversationView<ConversationInfo> INFO = ConversationMapper::toInfo;
    /** As the OpenHands V1 app server shows it. */
    public static final ConversationView<AppConversation> APP = ConversationMapper::toApp;

    private ConversationMapper() {
    }

    static ConversationInfo toInfo(ConversationDocument doc, List<String> subConversationIds,
            List<TextMatch> textMatches) {
        return new ConversationInfo(
                doc.conversationId,
                doc.title,
                doc.lastUpdatedAt,
                status(doc),
                enumOf(RuntimeStatus.class, doc.runtimeStatus),
                doc.selectedRepository,
                doc.selectedBranch,
                enumOf(ProviderType.class, doc.gitProvider),
                enumOf(ConversationTrigger.class, doc.trigger),
                doc.numConnections == null ? 0 : doc.numConnections,
                doc.url,
                doc.sessionApiKey,
                doc.createdAt,
                doc.prNumber == null ? List.of() : doc.prNumber,
                doc.tags == null ? List.of() : doc.tags,
                Boolean.TRUE.equals(doc.archived),
                doc.parentConversationId,
                subConversationIds,
                textMatches);
    }

    static AppConversation toApp(ConversationDocument doc, List<String> subConversationIds,
            List<TextMatch> textMatches) {
        ConversationStatus status = status(doc);
        return new AppConversation(
                doc.conversationId,
                doc.userId,
                null,
                doc.selectedRepository,
                doc.selectedBranch,
                enumOf(ProviderType.class, doc.gitProvider),
                doc.title,
                enumOf(ConversationTrigger.class, doc.trigger),
                doc.prNumber == null ? List.of() : doc.prNumber,
                doc.llmModel,
                metrics(doc),
                doc.parentConversationId,
                subConversationIds,
                doc.createdAt,
                doc.lastUpdatedAt,
                status == ConversationStatus.STOPPED ? SandboxStatus.PAUSED
                        : WireEnum.parse(SandboxStatus.class, status.wire()).orElse(null),
                doc.executionStatus,
                doc.url,
                doc.sessionApiKey,
                doc.tags == null ? List.of() : doc.tags,
                Boolean.TRUE.equals(doc.archived),
                textMatches);
    }

    /** The model, cost and tokens as V1 reports them; null when none of them is known. */
    private static MetricsSnapshot metrics(ConversationDocument doc) {
        if (doc.llmModel == null && doc.accumulatedCost == null && doc.promptTokens == null
                && doc.completionTokens == null) {
            return null;
        }
        return new MetricsSnapshot(doc.llmModel, doc.accumulatedCost,
                new TokenUsage(doc.llmModel, doc.promptTokens, doc.completionTokens));
    }

    private static ConversationStatus status(ConversationDocument doc) {
        return doc.status == null ? ConversationStatus.STOPPED : enumOf(ConversationStatus.class, doc.status);
    }

    /** The constant stored as {@code value}; null when absent or no longer known (old data stays readable). */
    private static <E extends Enum<E> & WireEnum> E enumOf(Class<E> type, String value) {
        return value == null ? null : WireEnum.parse(type, value).orElse(null);
    }
}
