package vn.tdkt.hub.domain;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The province's time: every time the hub shows or publishes (contracts.md: ISO-8601 with an offset) is in
 * Vietnam's offset, UTC+07:00 (no daylight saving time).
 */
public final class VietnamTime {

    /** UTC+07:00. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(7);

    private VietnamTime() {
    }

    /** The clock's current instant at Vietnam's offset. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), OFFSET);
    }
}
