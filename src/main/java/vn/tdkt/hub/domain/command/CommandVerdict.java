package vn.tdkt.hub.domain.command;

import java.util.List;

import vn.tdkt.hub.domain.submission.Reason;

/**
 * Outcome of {@link CommandValidator#validate}: the validated {@link Command}, or every reason it was rejected for.
 * {@link #commandId()} is the record's {@code commandId} when readable and well-formed, else null (the caller uses
 * it to recognise a command already accepted); {@link #unitCode()} is the record's {@code unitCode} when it is a
 * non-empty string, else null.
 */
public sealed interface CommandVerdict {

    String commandId();

    String unitCode();

    /** A command that passed every rule. */
    record Valid(Command command) implements CommandVerdict {

        @Override
        public String commandId() {
            return command.commandId();
        }

        @Override
        public String unitCode() {
            return command.unitCode();
        }
    }

    /** A command that broke at least one rule; {@code reasons} lists all of them. */
    record Invalid(String commandId, String unitCode, List<Reason> reasons) implements CommandVerdict {

        public Invalid {
            reasons = List.copyOf(reasons);
        }
    }
}
