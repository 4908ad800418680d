package vn.tdkt.hub.domain.letter;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The verification code printed on a letter and its certificate (rulebook section 6): whoever holds the secret can
 * check that a letter number really belongs to an award, and nobody without it can forge a code.
 *
 * <p>The code is the first 80 bits of HMAC-SHA256(secret, UTF-8 of {@code awardId + "\n" + letterNumber}) (neither
 * part can contain a line break), written as 16 characters of Crockford's base32 (digits and capital letters
 * without I, L, O, U) in four groups: {@code 7KD2-9QXM-0BWT-4HCE}. It is deterministic: the same award, number and
 * secret always give the same code, so a letter rendered again after a restart carries the same code.
 *
 * <p>The secret comes from the hub's configuration (the caller passes it); it must be at least 16 bytes long. Changing
 * it makes the codes of earlier letters unverifiable.
 */
public final class VerificationCode {

    /** The shortest secret accepted, in bytes. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CHARACTERS = 16;
    private static final int GROUP = 4;

    private VerificationCode() {
    }

    /**
     * The code of a letter.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_BYTES}
     */
    public static String of(String awardId, String letterNumber, byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The verification secret must have at least " + MIN_SECRET_BYTES
                    + " bytes");
        }
        byte[] mac = hmac(secret, awardId + "\n" + letterNumber);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CHARACTERS; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(fiveBits(mac, i * 5)));
        }
        return code.toString();
    }

    /**
     * Whether a code read back by a person is the code of that letter. Case, spaces and hyphens do not matter, and
     * the letters people confuse with digits are read as Crockford's base32 reads them (O as 0, I and L as 1).
     * The comparison takes the same time wherever the codes differ.
     */
    public static boolean matches(String code, String awardId, String letterNumber, byte[] secret) {
        if (code == null) {
            return false;
        }
        String typed = canonical(code);
        String expected = canonical(of(awardId, letterNumber, secret));
        return MessageDigest.isEqual(typed.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonical(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
    }

    /** The 5 bits of {@code bytes} starting at bit {@code offset} (most significant bit first). */
    private static int fiveBits(byte[] bytes, int offset) {
        int value = 0;
        for (int bit = offset; bit < offset + 5; bit++) {
            value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
        }
        return value;
    }

    private static byte[] hmac(byte[] secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
