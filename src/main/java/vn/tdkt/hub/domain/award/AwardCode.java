package vn.tdkt.hub.domain.award;

/**
 * The awards decided at closing (rulebook section 5), with their Vietnamese name, recipient type, the status the
 * rules give them before holds, and their legal basis.
 *
 * <p>The declaration order is the order of the rulebook's award tables (collectives, blocks, individuals): letter
 * numbers are assigned in this order (rulebook section 6), so do not reorder.
 *
 * <p>Legal bases where the rulebook names no article (a choice): {@code BANG_KHEN_TAP_THE} cites art. 74 of the
 * 2022 law like the individual certificate (both are the Chairman's certificate); the block prizes cite Nghị định
 * 152/2025/NĐ-CP and the province's emulation regulation, which organises the blocks.
 */
public enum AwardCode {
    CO_THI_DUA_TINH("Cờ thi đua của UBND tỉnh", RecipientType.UNIT, AwardStatus.GRANTED,
            AwardCode.LAW + ", Điều 26 khoản 1"),
    BANG_KHEN_TAP_THE("Bằng khen của Chủ tịch UBND tỉnh", RecipientType.UNIT, AwardStatus.GRANTED,
            AwardCode.LAW + ", Điều 74"),
    CO_THI_DUA_CHINH_PHU("Cờ thi đua của Chính phủ", RecipientType.UNIT, AwardStatus.PROPOSED,
            AwardCode.LAW + ", Điều 25"),
    GIAI_KHOI_NHAT("Giải Nhất khối thi đua", RecipientType.BLOCK, AwardStatus.GRANTED, AwardCode.BLOCK_BASIS),
    GIAI_KHOI_NHI("Giải Nhì khối thi đua", RecipientType.BLOCK, AwardStatus.GRANTED, AwardCode.BLOCK_BASIS),
    GIAI_KHOI_BA("Giải Ba khối thi đua", RecipientType.BLOCK, AwardStatus.GRANTED, AwardCode.BLOCK_BASIS),
    CHIEN_SI_THI_DUA_TINH("Chiến sĩ thi đua cấp tỉnh", RecipientType.PERSON, AwardStatus.GRANTED,
            AwardCode.LAW + ", Điều 22"),
    BANG_KHEN_CA_NHAN("Bằng khen của Chủ tịch UBND tỉnh", RecipientType.PERSON, AwardStatus.GRANTED,
            AwardCode.LAW + ", Điều 74");

    private static final String LAW = "Luật Thi đua, khen thưởng 2022";
    private static final String BLOCK_BASIS = "Nghị định 152/2025/NĐ-CP; Quy chế thi đua của tỉnh";

    private final String awardName;
    private final RecipientType recipientType;
    private final AwardStatus decidedStatus;
    private final String legalBasis;

    AwardCode(String awardName, RecipientType recipientType, AwardStatus decidedStatus, String legalBasis) {
        this.awardName = awardName;
        this.recipientType = recipientType;
        this.decidedStatus = decidedStatus;
        this.legalBasis = legalBasis;
    }

    /** Vietnamese award name, as printed in letters. */
    public String awardName() {
        return awardName;
    }

    public RecipientType recipientType() {
        return recipientType;
    }

    /** {@code GRANTED} for the province's own awards, {@code PROPOSED} for those a higher level decides. */
    public AwardStatus decidedStatus() {
        return decidedStatus;
    }

    public String legalBasis() {
        return legalBasis;
    }

    /** Block prizes are not subject to holds (rulebook section 4). */
    public boolean holdable() {
        return recipientType != RecipientType.BLOCK;
    }

    /** The block prize for block rank 1, 2 or 3. */
    static AwardCode blockPrize(int blockRank) {
        return switch (blockRank) {
            case 1 -> GIAI_KHOI_NHAT;
            case 2 -> GIAI_KHOI_NHI;
            case 3 -> GIAI_KHOI_BA;
            default -> throw new IllegalArgumentException("No block prize for rank " + blockRank);
        };
    }
}
