package vn.tdkt.hub.domain.command;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.RecordReader;

/**
 * Parses and validates one record of {@code tdkt.commands} against the registry (contracts.md, "Command"), with the
 * same parsing, size, type and control-character rules as submissions ({@link RecordReader}); every reason that
 * applies is reported. Whether the period is already closed is not checked here: the caller decides that when it
 * applies the command. Thread-safe.
 *
 * <p>Rules: {@code commandId} required, 1 to 64 characters of {@code A-Z a-z 0-9 - _ .} ({@code SCHEMA}
 * otherwise); {@code type} required, one of {@link CommandType} ({@code INVALID_VALUE} otherwise); {@code period}
 * required, {@code YYYY} ({@code SCHEMA}) and in the registry ({@code UNKNOWN_PERIOD}); {@code unitCode} required
 * for HOLD/RELEASE ({@code SCHEMA}) and in the registry's units ({@code UNKNOWN_UNIT}; a unit taking no part in the
 * period is valid); {@code staffCode}, {@code reason}, {@code issuedBy} optional.
 *
 * <p>Choices where the spec is silent: an empty {@code unitCode} or {@code staffCode} is {@code INVALID_VALUE};
 * a {@code unitCode} given with CLOSE_PERIOD is type-checked but not looked up (the command ignores it); the
 * record key (the period, by the topic's convention) is not used: it cannot stand in for a missing unit code.
 */
public final class CommandValidator {

    /** Staff codes are identifiers of at most 64 characters, as in submissions. */
    private static final int MAX_STAFF_CODE = 64;

    private static final List<String> TYPES = Arrays.stream(CommandType.values()).map(Enum::name).toList();

    private final int maxBytes;

    /** A validator with the default size limit, {@link RecordReader#DEFAULT_MAX_BYTES}. */
    public CommandValidator() {
        this(RecordReader.DEFAULT_MAX_BYTES);
    }

    /** A validator refusing values over {@code maxBytes} bytes ({@code TOO_LARGE}). */
    public CommandValidator(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Validates one command record (the Kafka value, may be null) against {@code registry}. */
    public CommandVerdict validate(byte[] value, Registry registry) {
        RecordReader r = RecordReader.read(value, maxBytes);
        JsonNode root = r.root();
        if (root == null) {
            return new CommandVerdict.Invalid(null, null, r.reasons());
        }
        String commandId = r.recordId(root, "commandId");
        String typeName = r.choice(root, "type", "type", TYPES, "Loại lệnh");
        CommandType type = typeName == null ? null : CommandType.valueOf(typeName);
        String period = r.period(root, "period");
        if (period != null) {
            r.knownPeriod(registry, period);
        }
        boolean namesUnit = type == CommandType.HOLD || type == CommandType.RELEASE;
        String unitCode = r.nonEmptyString(root, "unitCode", "unitCode", namesUnit);
        if (unitCode != null && type != CommandType.CLOSE_PERIOD) {
            r.knownUnit(registry, unitCode);
        }
        String staffCode = r.nonEmptyString(root, "staffCode", "staffCode", false);
        if (staffCode != null && staffCode.length() > MAX_STAFF_CODE) {
            r.add(ReasonCode.INVALID_VALUE, "staffCode", "Mã cán bộ dài quá " + MAX_STAFF_CODE + " ký tự");
        }
        String reason = r.string(root, "reason", "reason", false);
        String issuedBy = r.string(root, "issuedBy", "issuedBy", false);
        if (!r.reasons().isEmpty()) {
            return new CommandVerdict.Invalid(commandId, RecordReader.unitCodeOrNull(RecordReader.text(root, "unitCode")),
                    r.reasons());
        }
        return new CommandVerdict.Valid(new Command(commandId, type, period, unitCode, staffCode, reason, issuedBy));
    }
}
