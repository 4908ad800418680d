package vn.tdkt.hub.domain.scoring;

/** A unit's head count, feeding the women-share tie-break (rulebook section 4). total > 0, 0 <= women <= total. */
public record Members(int total, int women) {
}
