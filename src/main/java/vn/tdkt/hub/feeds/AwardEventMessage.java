package vn.tdkt.hub.feeds;

import java.time.OffsetDateTime;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardReason;

/** AwardEvent of contracts.md ({@code tdkt.awards}, key {@code awardId}). */
public record AwardEventMessage(String awardId, String period, String awardCode, String awardName, String status,
                                String recipientType, String unitCode, String blockCode, String staffCode,
                                String fullName, String recipientName, AwardReason reason,
                                OffsetDateTime decidedAt) {

    public static AwardEventMessage of(Award a, OffsetDateTime decidedAt) {
        return new AwardEventMessage(a.awardId(), a.period(), a.awardCode().name(), a.awardName(), a.status().name(),
                a.recipientType().name(), a.unitCode(), a.blockCode(), a.staffCode(), a.fullName(),
                a.recipientName(), a.reason(), decidedAt);
    }
}
