package vn.tdkt.hub.domain.letter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;

/**
 * Everything one notification letter [thông báo khen thưởng] needs (rulebook section 6, contracts.md "LetterEvent"
 * and "E-mail"), decided by the caller: its number, its date of issue (Vietnam date), the award, the recipient
 * unit, the addresses, the mail subject, the certificate's verification code and the e-mail's Message-ID.
 *
 * @param awardId            the award's id, the letter's identity
 * @param letterNumber       e.g. {@code 12/TB-HĐTĐKT}
 * @param issuedOn           the date printed on the letter, in Vietnam time
 * @param award              the award announced ({@code GRANTED} or {@code PROPOSED})
 * @param recipientUnitName  the name of the unit the award goes to: the unit itself, a person's unit, or a block's
 *                           leading unit
 * @param recipientUnitEmail that unit's address
 * @param to                 the addresses the letter goes to
 * @param cc                 the addresses that get a copy
 * @param subject            the mail subject; never contains a control character (so no header can be injected)
 * @param verificationCode   the certificate's code, see {@link VerificationCode}
 * @param messageId          the e-mail's Message-ID, {@code <token@domain>}
 */
public record Letter(String awardId, String letterNumber, LocalDate issuedOn, Award award, String recipientUnitName,
                     String recipientUnitEmail, List<String> to, List<String> cc, String subject,
                     String verificationCode, String messageId) {

    private static final Pattern MAIL_DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final int MESSAGE_ID_TOKEN_LENGTH = 32;

    public Letter {
        Objects.requireNonNull(awardId, "awardId");
        Objects.requireNonNull(letterNumber, "letterNumber");
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(award, "award");
        Objects.requireNonNull(recipientUnitName, "recipientUnitName");
        Objects.requireNonNull(recipientUnitEmail, "recipientUnitEmail");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verificationCode, "verificationCode");
        Objects.requireNonNull(messageId, "messageId");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        if (!awardId.equals(award.awardId())) {
            throw new IllegalArgumentException("Letter " + awardId + " carries award " + award.awardId());
        }
        if (award.status() == AwardStatus.WITHHELD) {
            throw new IllegalArgumentException("A withheld award has no letter: " + awardId);
        }
        if (subject.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The subject of letter " + awardId + " contains a control character");
        }
    }

    /**
     * The letter of an award, with the addresses, subject and Message-ID the contracts prescribe.
     *
     * <p>A {@code GRANTED} award goes to the recipient unit's address (the award's {@code unitCode}: the unit, the
     * person's unit, or the block's leading unit) with a copy to the office; a {@code PROPOSED} award goes to the
     * office only, with no copy. The subject is {@code Thông báo khen thưởng: {awardName} - {recipientName} - năm
     * {period}}, on one line (control characters, CR and LF included, become spaces). The Message-ID is
     * {@code <{first 32 lowercase hex digits of SHA-256(awardId)}@{mailDomain}>}, the same for every rendering of
     * the letter, so a resent letter is recognisably the same letter.
     *
     * @throws IllegalArgumentException for a {@code WITHHELD} award (no letter), an award whose unit is not in the
     *                                  registry, or a mail domain that is not a plain host name
     */
    public static Letter of(Award award, Registry registry, String letterNumber, LocalDate issuedOn,
                            String verificationCode, String mailDomain) {
        if (award.status() == AwardStatus.WITHHELD) {
            throw new IllegalArgumentException("A withheld award has no letter: " + award.awardId());
        }
        if (mailDomain == null || !MAIL_DOMAIN.matcher(mailDomain).matches()) {
            throw new IllegalArgumentException("Not a mail domain: " + mailDomain);
        }
        Unit unit = registry.unit(award.unitCode()).orElseThrow(() -> new IllegalArgumentException(
                "Unit " + award.unitCode() + " of award " + award.awardId() + " is not in the registry"));
        String office = registry.issuer().officeEmail();
        boolean granted = award.status() == AwardStatus.GRANTED;
        List<String> to = List.of(granted ? unit.email() : office);
        List<String> cc = granted ? List.of(office) : List.of();
        String subject = SafeText.line("Thông báo khen thưởng: " + award.awardName() + " - " + award.recipientName()
                + " - năm " + award.period());
        String messageId = "<" + token(award.awardId()) + "@" + mailDomain + ">";
        return new Letter(award.awardId(), letterNumber, issuedOn, award, unit.name(), unit.email(), to, cc, subject,
                verificationCode, messageId);
    }

    private static String token(String awardId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(awardId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, MESSAGE_ID_TOKEN_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
