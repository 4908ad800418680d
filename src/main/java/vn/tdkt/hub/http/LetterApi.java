package vn.tdkt.hub.http;

import java.util.List;
import java.util.Map;

import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.letters.LetterService;

/**
 * Letters over HTTP: anyone may verify a certificate's code (so a forged certificate can be told from a real
 * one; rate-limited, and the answer shows no more than the certificate); the office may resend a letter whose
 * delivery failed.
 */
public final class LetterApi {

    private final Credentials credentials;
    private final LetterService letters;

    public LetterApi(Credentials credentials, LetterService letters) {
        this.credentials = credentials;
        this.letters = letters;
    }

    public HttpAnswer verify(String code) {
        Map<String, Object> found = letters.verify(code);
        return found == null
                ? HttpAnswer.json(404, Map.of("valid", false, "message",
                "Mã xác thực không đúng: giấy khen này không do Hội đồng Thi đua - Khen thưởng tỉnh cấp"))
                : HttpAnswer.ok(certificateFields(found));
    }

    /** Only what the certificate itself shows (no internal id, no delivery status). */
    private static Map<String, Object> certificateFields(Map<String, Object> found) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (String k : List.of("valid", "awardName", "recipientName", "period", "letterNumber", "issuedOn")) {
            if (found.containsKey(k)) {
                m.put(k, found.get(k));
            }
        }
        return m;
    }

    /** Resends a failed letter for the caller (as decided by {@link HttpPolicy}: bearer token or office session). */
    public HttpAnswer resend(String awardId, Credentials.Caller caller) {
        if (caller == null || !caller.office()) {
            return HttpAnswer.refused(caller == null ? 401 : 403, List.of(new Reason(ReasonCode.UNAUTHORIZED, null,
                    "Chỉ Ban Thi đua - Khen thưởng (mã truy cập của văn phòng) được gửi lại thông báo")));
        }
        return letters.resend(awardId) ? HttpAnswer.ok(Map.of("status", "PENDING", "awardId", awardId))
                : HttpAnswer.json(409, Map.of("status", "NOT_FAILED",
                "message", "Chỉ gửi lại được thông báo đã gửi không thành công"));
    }
}
