package vn.tdkt.hub.domain.command;

/**
 * A validated command of {@code tdkt.commands} (contracts.md, "Command"). {@code unitCode} is set for HOLD and
 * RELEASE; {@code staffCode} (a person), {@code reason} and {@code issuedBy} are optional and null when absent.
 */
public record Command(String commandId, CommandType type, String period, String unitCode, String staffCode,
                      String reason, String issuedBy) {
}
