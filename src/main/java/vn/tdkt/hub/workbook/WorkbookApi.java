package vn.tdkt.hub.workbook;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.workbook.ResultsTemplate;
import vn.tdkt.hub.domain.workbook.WorkbookReader;
import vn.tdkt.hub.http.Credentials;
import vn.tdkt.hub.http.HttpAnswer;
import vn.tdkt.hub.http.SubmissionApi;

/**
 * The departments' spreadsheets over HTTP: the results template of a unit and period, and the upload of a
 * filled one. An upload becomes one Submission (a new {@code xlsx-} id, submitted now in +07:00) checked with
 * the HTTP intake's own check ({@link SubmissionApi#check}); the route then publishes it on {@code tdkt.results}
 * like every other, or answers the refusal (cell by cell, in Vietnamese) and publishes nothing.
 */
public final class WorkbookApi {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    /** An answer with an optional Content-Disposition (the template's file name). */
    public record FileAnswer(int status, String contentType, Object body, String disposition) {

        static FileAnswer of(HttpAnswer a) {
            return new FileAnswer(a.status(), a.contentType(), a.body(), null);
        }
    }

    /** Either a refusal to answer, or the submission to publish under the unit's key. */
    public record Upload(HttpAnswer refusal, String key, byte[] json, String submissionId, String caller) {

        Upload(HttpAnswer refusal, String key, byte[] json, String submissionId) {
            this(refusal, key, json, submissionId, null);
        }

        /** What the hub attests when it signs the published submission ({@link SubmissionApi#attest}). */
        public SubmissionApi.Decision attestation() {
            return new SubmissionApi.Decision(null, key, caller);
        }
    }

    private final Credentials credentials;
    private final SubmissionApi submissions;
    private final Supplier<Registry> registry;
    private final WorkbookReader reader;
    private final Clock clock;

    public WorkbookApi(Credentials credentials, SubmissionApi submissions, Supplier<Registry> registry,
                       WorkbookReader reader, Clock clock) {
        this.credentials = credentials;
        this.submissions = submissions;
        this.registry = registry;
        this.reader = reader;
        this.clock = clock;
    }

    public FileAnswer template(String period, String unit, String authorization) {
        Optional<HttpAnswer> refused = authorize(authorization, unit, true);
        if (refused.isPresent()) {
            return FileAnswer.of(refused.get());
        }
        Optional<byte[]> workbook = ResultsTemplate.build(registry.get(), period, unit);
        if (workbook.isEmpty()) {
            return FileAnswer.of(HttpAnswer.notFound("Đơn vị " + unit + " không thuộc khối thi đua nào năm " + period));
        }
        return new FileAnswer(200, XLSX, workbook.get(), disposition(ResultsTemplate.fileName(period, unit)));
    }

    public Upload upload(Object body, String contentType, String period, String unit, String authorization) {
        Optional<HttpAnswer> refused = authorize(authorization, unit, false);
        if (refused.isPresent()) {
            return new Upload(refused.get(), null, null, null);
        }
        // a multipart upload arrives as the file the HTTP server stored (the form's file part); any other body is
        // the workbook itself
        byte[] file = body instanceof File f ? readAndDelete(f) : Multipart.file(bytes(body), contentType);
        return submit(file, period, unit, "xlsx-" + UUID.randomUUID(), authorization);
    }

    /**
     * Reads a workbook and checks the resulting submission as the HTTP intake does ({@code authorization} is the
     * caller's, whose right to report for the unit is checked again there).
     */
    public Upload submit(byte[] file, String period, String unit, String submissionId, String authorization) {
        WorkbookReader.Outcome outcome = reader.read(file, registry.get(), period, unit, submissionId,
                OffsetDateTime.now(clock).withOffsetSameInstant(VIETNAM));
        if (outcome instanceof WorkbookReader.Refused r) {
            boolean tooLarge = r.reasons().stream().anyMatch(x -> x.code() == ReasonCode.TOO_LARGE);
            return new Upload(HttpAnswer.refused(tooLarge ? 413 : 400, r.reasons()), null, null, null);
        }
        WorkbookReader.Read read = (WorkbookReader.Read) outcome;
        SubmissionApi.Decision decision = submissions.check(read.json(), authorization);
        if (decision.refusal() != null) {
            return new Upload(decision.refusal(), null, null, read.submissionId());
        }
        return new Upload(null, decision.key(), read.json(), read.submissionId(), decision.caller());
    }

    /** The answer once the submission is on tdkt.results (acks=all). */
    public HttpAnswer published(String unit, String submissionId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "PUBLISHED");
        m.put("unitCode", unit);
        m.put("submissionId", submissionId);
        m.put("message", "Đã tiếp nhận bảng tính; kết quả chấm điểm sẽ có trên tdkt.scores và bảng điều hành");
        return HttpAnswer.json(202, m);
    }

    /**
     * Who may do what (kept in one place, to move to the central policy): a known bearer token; for the
     * template, a department reporting for the unit or the office; for an upload, a department reporting for it.
     */
    Optional<HttpAnswer> authorize(String authorization, String unit, boolean officeToo) {
        Optional<Credentials.Caller> caller = credentials.authenticate(authorization);
        if (caller.isEmpty()) {
            return Optional.of(HttpAnswer.refused(401, List.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Thiếu hoặc sai thông tin xác thực (Authorization: Bearer <mã truy cập của đơn vị>)"))));
        }
        if (caller.get().mayReportFor(unit) || (officeToo && caller.get().office())) {
            return Optional.empty();
        }
        return Optional.of(HttpAnswer.refused(403, List.of(new Reason(ReasonCode.UNAUTHORIZED, "unitCode",
                "Tài khoản " + caller.get().name() + " không được báo cáo thay cho đơn vị " + unit))));
    }

    /** RFC 6266 / RFC 5987: an ASCII fallback and the UTF-8 name. */
    static String disposition(String fileName) {
        String ascii = java.text.Normalizer.normalize(fileName, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D').replaceAll("[^A-Za-z0-9._ -]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private byte[] readAndDelete(File f) {
        try {
            if (f.length() > reader.limits().maxFileBytes()) {
                return new byte[(int) Math.min(f.length(), reader.limits().maxFileBytes() + 1)];
            }
            return Files.readAllBytes(f.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(f.toPath());
            } catch (IOException ignored) {
                // the server's upload folder is cleaned by the server too
            }
        }
    }

    static byte[] bytes(Object body) {
        if (body == null) {
            return new byte[0];
        }
        if (body instanceof byte[] b) {
            return b;
        }
        if (body instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (body instanceof InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        return new byte[0];
    }
}
