package vn.tdkt.hub.domain.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tdkt.hub.domain.letter.LetterFixtures.SECRET;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The letter's verification code (rulebook section 6). */
class VerificationCodeTest {

    private static final String AWARD = "2023:CO_THI_DUA_TINH:UBND-BL";

    @Test
    void isTheCrockfordBase32OfTheFirst80BitsOfTheHmac() {
        // Worked independently with Python: hmac.new(b"0123456789abcdef-test-secret",
        // "2023:CO_THI_DUA_TINH:UBND-BL\n12/TB-HĐTĐKT".encode(), sha256).digest(), first 80 bits in 16 groups of
        // 5 bits, each an index into 0123456789ABCDEFGHJKMNPQRSTVWXYZ.
        assertThat(VerificationCode.of(AWARD, "12/TB-HĐTĐKT", SECRET)).isEqualTo("X3Y2-EMJY-9815-C6BV");
        assertThat(VerificationCode.of(AWARD, "13/TB-HĐTĐKT", SECRET)).isEqualTo("3Y43-ED9P-H6SE-Z5B5");
    }

    @Test
    void isDeterministicAndDependsOnTheSecret() {
        byte[] sameSecret = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
        byte[] otherSecret = "0123456789abcdef-other-secret".getBytes(StandardCharsets.UTF_8);

        assertThat(VerificationCode.of(AWARD, "12/TB-HĐTĐKT", sameSecret))
                .isEqualTo(VerificationCode.of(AWARD, "12/TB-HĐTĐKT", SECRET))
                .isNotEqualTo(VerificationCode.of(AWARD, "12/TB-HĐTĐKT", otherSecret))
                .matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }

    @Test
    void matchesAsPeopleTypeIt() {
        assertThat(VerificationCode.matches("X3Y2-EMJY-9815-C6BV", AWARD, "12/TB-HĐTĐKT", SECRET)).isTrue();
        assertThat(VerificationCode.matches("x3y2 emjy 98i5 c6bv", AWARD, "12/TB-HĐTĐKT", SECRET)).isTrue();
        assertThat(VerificationCode.matches("X3Y2-EMJY-9815-C6BW", AWARD, "12/TB-HĐTĐKT", SECRET)).isFalse();
        assertThat(VerificationCode.matches("X3Y2-EMJY-9815-C6BV", AWARD, "13/TB-HĐTĐKT", SECRET)).isFalse();
        assertThat(VerificationCode.matches(null, AWARD, "12/TB-HĐTĐKT", SECRET)).isFalse();
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> VerificationCode.of(AWARD, "1/TB-HĐTĐKT", new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
