package vn.tdkt.hub.domain.award;

/**
 * Status of a decided award (rulebook section 5): decided by the province ({@code GRANTED}), sent up to a higher
 * level ({@code PROPOSED}), or held back by a hold on the recipient at closing time ({@code WITHHELD}, section 4).
 */
public enum AwardStatus {
    GRANTED, PROPOSED, WITHHELD
}
