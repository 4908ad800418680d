package vn.tdkt.hub.domain.scoring;

/** One line of a block's standings: rank 1..n for complete units, null for incomplete ones. */
public record StandingRow(Integer rank, UnitScore unit) {
}
