package vn.tdkt.hub.closing;

import java.util.List;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.intake.OutboxBatch;

/**
 * What became of a command: ACCEPTED (applied, or a no-op such as a second close), DUPLICATE (its commandId was
 * accepted before: ignored) or REJECTED (with every reason). {@code published} holds the messages recorded for
 * publication.
 */
public record CommandOutcome(Kind kind, List<Reason> reasons, OutboxBatch published) {

    public enum Kind { ACCEPTED, DUPLICATE, REJECTED }

    public CommandOutcome {
        reasons = List.copyOf(reasons);
    }
}
