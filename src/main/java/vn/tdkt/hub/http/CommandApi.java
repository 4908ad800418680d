package vn.tdkt.hub.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import vn.tdkt.hub.closing.CommandOutcome;
import vn.tdkt.hub.closing.CommandService;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.OutboxBatch;

/**
 * The office's commands over HTTP: the office credential is required, then the command goes through the very
 * same {@link CommandService#handle} as the commands from {@code tdkt.commands}.
 */
public final class CommandApi {

    /** The answer, and the messages the command recorded for publication. */
    public record Result(HttpAnswer answer, OutboxBatch published) {
    }

    private final Credentials credentials;
    private final CommandService commands;
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    public CommandApi(Credentials credentials, CommandService commands) {
        this.credentials = credentials;
        this.commands = commands;
    }

    /** A command from the caller (as decided by {@link HttpPolicy}: the bearer token or the office's session). */
    public Result post(Object posted, Credentials.Caller caller) {
        if (caller == null || !caller.office()) {
            int status = caller == null ? 401 : 403;
            return new Result(HttpAnswer.refused(status, List.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Chỉ Ban Thi đua - Khen thưởng (mã truy cập của văn phòng) được gửi lệnh"))), OutboxBatch.EMPTY);
        }
        byte[] body = RequestBody.bytes(posted);
        if (body == null) {
            return new Result(RequestBody.NOT_JSON, OutboxBatch.EMPTY);
        }
        CommandOutcome outcome = commands.handle(new InboundRecord("http", -1, sequence.incrementAndGet(),
                null, body, Map.of()));
        HttpAnswer answer = switch (outcome.kind()) {
            case ACCEPTED -> HttpAnswer.ok(Map.of("status", "ACCEPTED"));
            case DUPLICATE -> HttpAnswer.ok(Map.of("status", "DUPLICATE",
                    "message", "Lệnh có commandId này đã được thực hiện trước đó"));
            case REJECTED -> HttpAnswer.refused(outcome.reasons().stream()
                    .anyMatch(r -> r.code() == ReasonCode.PERIOD_CLOSED) ? 409 : 400, outcome.reasons());
        };
        return new Result(answer, outcome.published());
    }
}
