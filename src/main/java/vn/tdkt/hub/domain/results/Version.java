package vn.tdkt.hub.domain.results;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Which submission a stored value comes from, ordered by rulebook section 2: the later {@code submittedAt}
 * compared as instants, then the greater {@code submissionId} in plain character-code order.
 */
public record Version(long epochSecond, int nano, String submissionId) implements Comparable<Version> {

    public static Version of(OffsetDateTime submittedAt, String submissionId) {
        Instant i = submittedAt.toInstant();
        return new Version(i.getEpochSecond(), i.getNano(), submissionId);
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(epochSecond, o.epochSecond);
        if (c == 0) {
            c = Integer.compare(nano, o.nano);
        }
        return c != 0 ? c : submissionId.compareTo(o.submissionId);
    }

    public boolean isLaterThan(Version other) {
        return other == null || compareTo(other) > 0;
    }
}
