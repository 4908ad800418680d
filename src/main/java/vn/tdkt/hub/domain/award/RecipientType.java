package vn.tdkt.hub.domain.award;

/** Who receives an award (contracts.md, AwardEvent {@code recipientType}). */
public enum RecipientType {
    UNIT, BLOCK, PERSON
}
