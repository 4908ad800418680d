package vn.tdkt.hub.domain.award;

/**
 * A hold in force at closing time [đang bị xem xét kỷ luật, thanh tra] (rulebook section 4). With a null
 * {@code staffCode} it holds the unit's collective awards; with a staff code, that person's awards only.
 * A released hold is simply absent.
 */
public record Hold(String unitCode, String staffCode, String reason) {

    public boolean onUnit() {
        return staffCode == null;
    }
}
