package vn.tdkt.hub.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.registry.Method;

class UnitScoreMessageTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2024, 12, 31, 23, 59, 58, 120_000_000,
            ZoneOffset.ofHours(7));

    /** The card's JSON built from its content's JSON is, character for character, the card serialised whole. */
    @Test
    void aStampedContentIsTheCardsOwnJson() {
        List<UnitScoreMessage> cards = List.of(
                new UnitScoreMessage("2024", "SO-TC", "Sở Tài chính \"Hà Nội\" \\ <b>", "KHOI-1",
                        new BigDecimal("97.50"), "XUAT_SAC", true, List.of(),
                        List.of(new UnitScoreMessage.Line("TC01", Method.TARGET, new BigDecimal("20"),
                                        new BigDecimal("100"), new BigDecimal("95.5"), new BigDecimal("0.955"),
                                        new BigDecimal("19.1")),
                                new UnitScoreMessage.Line("TC02", Method.PASS_FAIL, BigDecimal.TEN, null, true,
                                        null, BigDecimal.TEN)),
                        7L, AT),
                new UnitScoreMessage("2024", "UB-1", "Ủy ban", "KHOI-2", null, null, false, List.of("TC03"),
                        List.of(), 123_456_789_012L, AT.withOffsetSameInstant(ZoneOffset.UTC)));
        for (UnitScoreMessage card : cards) {
            String stamped = UnitScoreMessage.stampedJson(Json.write(card.content()), card.sequence(),
                    Json.write(card.updatedAt()));
            assertThat(stamped).isEqualTo(Json.write(card)).contains("\"updatedAt\":\"20")
                    .contains("\"sequence\":" + card.sequence() + ",");
            assertThat(Json.read(stamped, UnitScoreMessage.class).sequence()).isEqualTo(card.sequence());
            assertThat(Json.read(stamped, UnitScoreMessage.class).content()).isEqualTo(card.content());
        }
    }

    @Test
    void aTextThatIsNotAContentIsRefused() {
        String card = Json.write(new UnitScoreMessage("2024", "U", "U", "K", null, null, false, List.of(), List.of(),
                1L, AT));
        assertThatThrownBy(() -> UnitScoreMessage.stampedJson(card, 2, "\"x\"")).isInstanceOf(
                IllegalArgumentException.class);
    }
}
