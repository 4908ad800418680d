package vn.tdkt.hub.intake;

import java.util.Map;

import vn.tdkt.hub.domain.submission.ReasonCode;

/** What the intake reports about each batch it decided (for metrics). */
public interface IntakeMetrics {

    IntakeMetrics NONE = (accepted, duplicates, rejectedByReason, parked, nanos) -> { };

    void batch(int accepted, int duplicates, Map<ReasonCode, Integer> rejectedByReason, int parked, long nanos);
}
