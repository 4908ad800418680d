package vn.tdkt.hub.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fast date-time reader agrees with {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} on every input. */
class IsoDateTimeTest {

    @Test
    void theCommonShapesAreReadDirectly() {
        assertThat(IsoDateTime.fast("2024-01-12T09:30:00+07:00"))
                .isEqualTo(OffsetDateTime.parse("2024-01-12T09:30:00+07:00"));
        assertThat(IsoDateTime.fast("2024-01-12T02:30:00.5Z")).isEqualTo(OffsetDateTime.parse("2024-01-12T02:30:00.5Z"));
        assertThat(IsoDateTime.fast("2024-02-29T23:59:59.123456789-03:30"))
                .isEqualTo(OffsetDateTime.parse("2024-02-29T23:59:59.123456789-03:30"));
        // left to the formatter: other shapes and values out of range
        assertThat(IsoDateTime.fast("2024-01-12t09:30:00z")).isNull();
        assertThat(IsoDateTime.fast("2024-01-12T09:30+07:00")).isNull();
        assertThat(IsoDateTime.fast("2023-02-29T09:30:00Z")).isNull();
        assertThat(IsoDateTime.fast("2024-01-12T24:00:00Z")).isNull();
    }

    @Test
    void acceptsAndRefusesExactlyWhatTheIsoFormatterDoes() {
        Random random = new Random(17);
        List<String> inputs = new ArrayList<>(List.of("2024-01-12T09:30:00+07:00", "2024-01-12T09:30:00Z",
                "2024-01-12t09:30:00z", "2024-01-12T09:30+07:00", "2024-01-12T09:30:00+07:00:00",
                "2024-01-12T09:30:00.Z", "2024-01-12T09:30:00.1234567891Z", "2024-01-12T09:30:00+19:00",
                "2024-01-12T09:30:00+18:00", "2024-01-12T09:30:00-18:01", "2024-01-12T09:30:00+07:60",
                "2024-01-12T23:59:60Z", "+12024-01-12T09:30:00Z", "0000-01-01T00:00:00Z", "2024-1-12T09:30:00Z",
                "2024-01-12T09:30:00 +07:00", "2024-01-12T09:30:00+0700", "２０２４-01-12T09:30:00Z",
                "2024-01-12T09:30:00-00:00", "2024-01-12T09:30:00.000000000+14:00"));
        String alphabet = "0123456789-:T.Z+zt ";
        String base = "2024-01-12T09:30:00.123+07:00";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder(base);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, c);
                    case 1 -> s.insert(at, c);
                    default -> s.deleteCharAt(at);
                }
                if (s.length() == 0) {
                    s.append(c);
                }
            }
            inputs.add(s.toString());
        }
        int accepted = 0;
        for (String input : inputs) {
            OffsetDateTime expected;
            try {
                expected = OffsetDateTime.parse(input, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            OffsetDateTime fast = IsoDateTime.fast(input);
            if (fast != null) {
                assertThat(fast).as(input).isEqualTo(expected);
            }
            OffsetDateTime actual;
            try {
                actual = IsoDateTime.parse(input);
            } catch (DateTimeParseException e) {
                actual = null;
            }
            assertThat(actual).as(input).isEqualTo(expected);
            if (expected != null) {
                accepted++;
            }
        }
        assertThat(accepted).as("the mutations must include valid date-times").isGreaterThan(250);
    }
}
