package vn.tdkt.hub.domain.award;

/**
 * One award decided at closing (contracts.md, AwardEvent without {@code decidedAt}, which the publisher adds).
 *
 * <p>{@code awardId} is {@code {period}:{awardCode}:{recipient}} (rulebook section 5), see {@link #recipient()}.
 * For a unit award, {@code unitCode} and {@code blockCode} are the unit's; for a block prize, {@code unitCode} is
 * the block's leading unit; for a person, {@code unitCode} is the nominating unit and {@code blockCode} its block
 * in the period. {@code staffCode} and {@code fullName} are null except for persons. {@code recipientName} is the
 * unit's name, the block's name or the person's full name.
 */
public record Award(String awardId, String period, AwardCode awardCode, String awardName, AwardStatus status,
                    RecipientType recipientType, String unitCode, String blockCode, String staffCode,
                    String fullName, String recipientName, AwardReason reason) {

    /** An award with its id, name and recipient type derived from the period, the code and the recipient. */
    public static Award of(String period, AwardCode code, AwardStatus status, String unitCode, String blockCode,
                           String staffCode, String fullName, String recipientName, AwardReason reason) {
        String awardId = period + ":" + code.name() + ":"
                + recipient(code.recipientType(), unitCode, blockCode, staffCode);
        return new Award(awardId, period, code, code.awardName(), status, code.recipientType(), unitCode, blockCode,
                staffCode, fullName, recipientName, reason);
    }

    /** The recipient part of the awardId: the unit code, the block code, or {@code {unitCode}/{staffCode}}. */
    public String recipient() {
        return recipient(recipientType, unitCode, blockCode, staffCode);
    }

    private static String recipient(RecipientType type, String unitCode, String blockCode, String staffCode) {
        return switch (type) {
            case UNIT -> unitCode;
            case BLOCK -> blockCode;
            case PERSON -> unitCode + "/" + staffCode;
        };
    }
}
