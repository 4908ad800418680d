package vn.tdkt.hub.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.RecordReader;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.domain.submission.Verdict;
import vn.tdkt.hub.intake.SignatureCheck;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.SubmissionIds;

/**
 * HTTP intake for departments without a Kafka client. A posted Submission is checked synchronously with the same
 * validator as the intake (plus the caller's right to report for the unit); a good one is then published on
 * {@code tdkt.results} like any other (acks=all) and scored by the same intake path, so HTTP and Kafka
 * submissions are treated identically. A refused one is answered with every reason and nothing is written.
 */
public final class SubmissionApi {

    /**
     * Either a refusal to answer, or the record key under which to publish the submission and the caller that
     * was authenticated (attested on the record, {@link #attest}).
     */
    public record Decision(HttpAnswer refusal, String key, String caller) {

        Decision(HttpAnswer refusal) {
            this(refusal, null, null);
        }
    }

    /** The exchange variable holding the {@link Decision} while the submission is published. */
    public static final String DECISION = "decision";

    private final Credentials credentials;
    private final SubmissionValidator validator;
    private final Supplier<Registry> registry;
    private final Database db;
    private final IntakeStore store;
    /** The key of the hub as a trusted intake ({@link SignatureCheck}); null: records are published unsigned. */
    private final byte[] intakeKey;

    public SubmissionApi(Credentials credentials, SubmissionValidator validator, Supplier<Registry> registry,
                         Database db, IntakeStore store) {
        this(credentials, validator, registry, db, store, null);
    }

    /** As above, signing every published submission with {@code intakeKey} (null: unsigned). */
    public SubmissionApi(Credentials credentials, SubmissionValidator validator, Supplier<Registry> registry,
                         Database db, IntakeStore store, byte[] intakeKey) {
        this.intakeKey = intakeKey == null ? null : intakeKey.clone();
        this.credentials = credentials;
        this.validator = validator;
        this.registry = registry;
        this.db = db;
        this.store = store;
    }

    public Decision check(Object posted, String authorization) {
        Optional<Credentials.Caller> caller = credentials.authenticate(authorization);
        if (caller.isEmpty()) {
            return new Decision(HttpAnswer.refused(401, List.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Thiếu hoặc sai thông tin xác thực (Authorization: Bearer <mã truy cập của đơn vị>)"))));
        }
        byte[] body = RequestBody.bytes(posted);
        if (body == null) {
            return new Decision(RequestBody.NOT_JSON);
        }
        Set<String> closed = db.inTransaction(store::closedPeriods);
        Verdict verdict = validator.validate(body, null, registry.get(), closed::contains);
        List<Reason> reasons = new ArrayList<>(verdict instanceof Verdict.Invalid bad ? bad.reasons() : List.of());
        String unit = verdict.unitCode();
        boolean forbidden = unit != null && !caller.get().mayReportFor(unit);
        if (forbidden) {
            reasons.add(0, new Reason(ReasonCode.UNAUTHORIZED, "unitCode", "Tài khoản " + caller.get().name()
                    + " không được báo cáo thay cho đơn vị " + RecordReader.shown(unit)));
        }
        String id = verdict.submissionId();
        // the same unit's id only (contracts.md: a submission's identity is its unitCode and submissionId)
        SubmissionIds.Key identity = id != null && verdict.recordUnitCode() != null
                ? new SubmissionIds.Key(verdict.recordUnitCode(), id) : null;
        if (!forbidden && identity != null
                && db.inTransaction(c -> store.acceptedIds(c, List.of(identity))).contains(identity)) {
            return new Decision(HttpAnswer.ok(Map.of("status", "DUPLICATE", "submissionId", id,
                    "message", "Báo cáo này đã được tiếp nhận trước đó; không có thay đổi")));
        }
        if (!reasons.isEmpty()) {
            return new Decision(HttpAnswer.refused(forbidden ? 403 : 400, reasons));
        }
        return new Decision(null, unit, caller.get().name());
    }

    /**
     * Signs the submission about to be published (the exchange's body, made bytes here so that the signed bytes
     * are the published ones) as the hub's trusted intake, attesting the caller of the {@link #DECISION}: headers
     * {@code tdkt-org}, {@code tdkt-attested-org} and {@code tdkt-signature} ({@link SignatureCheck}). Nothing
     * without an intake key.
     */
    public void attest(Exchange exchange) {
        if (intakeKey == null) {
            return;
        }
        Decision decision = exchange.getVariable(DECISION, Decision.class);
        Message message = exchange.getMessage();
        byte[] value = message.getBody(byte[].class);
        message.setBody(value);
        message.setHeader(SignatureCheck.ORG_HEADER, SignatureCheck.HUB_INTAKE);
        message.setHeader(SignatureCheck.ATTESTED_ORG_HEADER, decision.caller());
        message.setHeader(SignatureCheck.SIGNATURE_HEADER,
                SignatureCheck.signAttested(intakeKey, decision.caller(), value));
    }

    /** The answer once the submission is acknowledged by the broker (acks=all). */
    public HttpAnswer published(String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "PUBLISHED");
        m.put("unitCode", key);
        m.put("message", "Đã tiếp nhận báo cáo; kết quả chấm điểm sẽ có trên tdkt.scores và bảng điều hành");
        return HttpAnswer.json(202, m);
    }
}
