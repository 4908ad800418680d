package vn.tdkt.hub.domain.command;

/** Type of an emulation-office command (contracts.md, "Command"; rulebook section 4). */
public enum CommandType {
    /** Closes a period: freezes results and decides the awards. */
    CLOSE_PERIOD,
    /** Puts a hold on a unit's collective awards, or on a person (with a staff code). */
    HOLD,
    /** Lifts a hold. */
    RELEASE
}
