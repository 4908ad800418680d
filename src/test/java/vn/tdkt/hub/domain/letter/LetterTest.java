package vn.tdkt.hub.domain.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tdkt.hub.domain.letter.LetterFixtures.ISSUED_ON;
import static vn.tdkt.hub.domain.letter.LetterFixtures.MAIL_DOMAIN;
import static vn.tdkt.hub.domain.letter.LetterFixtures.NUMBER;
import static vn.tdkt.hub.domain.letter.LetterFixtures.REGISTRY;
import static vn.tdkt.hub.domain.letter.LetterFixtures.letter;

import java.util.List;
import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardCode;
import vn.tdkt.hub.domain.award.AwardStatus;

/** Addresses, subject and Message-ID of a letter (rulebook section 6, contracts.md "LetterEvent" and "E-mail"). */
class LetterTest {

    @Test
    void grantedUnitAwardGoesToTheUnitWithCopyToTheOffice() {
        Letter letter = letter(LetterFixtures.unitFlag());

        assertThat(letter.awardId()).isEqualTo("2023:CO_THI_DUA_TINH:UBND-BL");
        assertThat(letter.to()).containsExactly("ubndbl@hanam.example");
        assertThat(letter.cc()).containsExactly("tdkt@hanam.example");
        assertThat(letter.recipientUnitName()).isEqualTo("UBND huyện Bình Lục");
        assertThat(letter.subject())
                .isEqualTo("Thông báo khen thưởng: Cờ thi đua của UBND tỉnh - UBND huyện Bình Lục - năm 2023");
    }

    @Test
    void personAwardGoesToThePersonsUnit() {
        Letter letter = letter(LetterFixtures.personCertificate());

        assertThat(letter.to()).containsExactly("ubndbl@hanam.example");
        assertThat(letter.cc()).containsExactly("tdkt@hanam.example");
        assertThat(letter.subject())
                .isEqualTo("Thông báo khen thưởng: Bằng khen của Chủ tịch UBND tỉnh - Nguyễn Thị Hoa - năm 2023");
    }

    @Test
    void blockPrizeGoesToTheLeadingUnit() {
        Letter letter = letter(LetterFixtures.blockPrize());

        assertThat(letter.to()).containsExactly("ubndpl@hanam.example");
        assertThat(letter.cc()).containsExactly("tdkt@hanam.example");
        assertThat(letter.recipientUnitName()).isEqualTo("UBND thành phố Phủ Lý");
        assertThat(letter.subject()).isEqualTo(
                "Thông báo khen thưởng: Giải Nhất khối thi đua - Khối các huyện, thị xã, thành phố - năm 2023");
    }

    @Test
    void proposalGoesToTheOfficeOnly() {
        Letter letter = letter(LetterFixtures.proposal());

        assertThat(letter.to()).containsExactly("tdkt@hanam.example");
        assertThat(letter.cc()).isEmpty();
        assertThat(letter.subject())
                .isEqualTo("Thông báo khen thưởng: Cờ thi đua của Chính phủ - UBND huyện Bình Lục - năm 2023");
    }

    @Test
    void withheldAwardHasNoLetter() {
        assertThatThrownBy(() -> letter(LetterFixtures.withheld()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("withheld");
    }

    @Test
    void messageIdIsDerivedFromTheAwardIdOnly() {
        // printf '%s' '2023:CO_THI_DUA_TINH:UBND-BL' | sha256sum -> 4cf47c8cf0dc29913921aeef0313f616... (first 32)
        Letter first = letter(LetterFixtures.unitFlag());
        Letter renumbered = Letter.of(LetterFixtures.unitFlag(), REGISTRY, "40/TB-HĐTĐKT", ISSUED_ON.plusDays(3),
                "AAAA-BBBB-CCCC-DDDD", MAIL_DOMAIN);

        assertThat(first.messageId()).isEqualTo("<4cf47c8cf0dc29913921aeef0313f616@tdkt.hanam.example>");
        assertThat(renumbered.messageId()).isEqualTo(first.messageId());
        // printf '%s' '2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042' | sha256sum -> a4cc46785951a93925dfdc4f248e36f7...
        assertThat(letter(LetterFixtures.personCertificate()).messageId())
                .isEqualTo("<a4cc46785951a93925dfdc4f248e36f7@tdkt.hanam.example>");
    }

    @Test
    void subjectNeverCarriesALineBreak() {
        Letter letter = letter(LetterFixtures.unitFlag("UBND huyện Bình Lục\r\nBcc: evil@x"));

        assertThat(letter.subject()).doesNotContain("\r", "\n")
                .isEqualTo("Thông báo khen thưởng: Cờ thi đua của UBND tỉnh - UBND huyện Bình Lục  Bcc: evil@x"
                        + " - năm 2023");
        assertThatThrownBy(() -> new Letter(letter.awardId(), NUMBER, ISSUED_ON, letter.award(),
                letter.recipientUnitName(), letter.recipientUnitEmail(), letter.to(), letter.cc(), "a\nBcc: x",
                letter.verificationCode(), letter.messageId()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMailDomainThatCouldBreakTheHeader() {
        for (String domain : List.of("", "a b", "x>\r\nBcc: y", "@host")) {
            assertThatThrownBy(() -> Letter.of(LetterFixtures.unitFlag(), REGISTRY, NUMBER, ISSUED_ON, "C",
                    domain)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesAnAwardWhoseUnitIsNotInTheRegistry() {
        Award award = Award.of("2023", AwardCode.CO_THI_DUA_TINH, AwardStatus.GRANTED, "NO-SUCH", "DP", null,
                null, "X", LetterFixtures.unitFlag().reason());

        assertThatThrownBy(() -> letter(award)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NO-SUCH");
    }
}
