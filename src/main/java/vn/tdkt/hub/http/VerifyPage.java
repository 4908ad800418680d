package vn.tdkt.hub.http;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import vn.tdkt.hub.letters.LetterService;

/**
 * The public verification page of a certificate, in Vietnamese: the address its QR code holds
 * ({@code GET /verify/{code}}). It shows what the certificate shows (recipient, award, period, number, date of
 * issue), whether certificates are digitally signed and by whom, and that it is valid, and nothing more; an unknown
 * code gets a page saying the certificate was not issued by the council (404). No authentication: anyone holding a
 * certificate may check it.
 */
public final class VerifyPage {

    public static final String HTML = "text/html; charset=UTF-8";
    private static final int MAX_CODE_LENGTH = 64;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final LetterService letters;
    private final String signer;

    /** @param signer who signs the certificates (the signing certificate's common name); empty: not signed */
    public VerifyPage(LetterService letters, String signer) {
        this.letters = letters;
        this.signer = signer == null ? "" : signer;
    }

    public HttpAnswer page(String code) {
        Map<String, Object> found = code == null || code.length() > MAX_CODE_LENGTH ? null : letters.verify(code);
        if (found == null) {
            return new HttpAnswer(404, HTML, html("Mã xác thực không đúng",
                    "<p class=\"bad\">Không tìm thấy giấy khen có mã xác thực này. Giấy khen mang mã này không do Hội "
                    + "đồng Thi đua - Khen thưởng tỉnh cấp, hoặc mã đã bị ghi sai.</p>"));
        }
        StringBuilder rows = new StringBuilder("<table>");
        row(rows, "Tập thể, cá nhân được khen thưởng", found.get("recipientName"));
        row(rows, "Hình thức khen thưởng", found.get("awardName"));
        row(rows, "Năm thi đua", found.get("period"));
        row(rows, "Số", found.get("letterNumber"));
        row(rows, "Ngày ban hành", date(String.valueOf(found.get("issuedOn"))));
        row(rows, "Chữ ký số", signer.isEmpty() ? "Không" : "Có, do " + signer + " ký");
        row(rows, "Tình trạng", "Còn hiệu lực");
        rows.append("</table>");
        return new HttpAnswer(200, HTML, html("Giấy khen hợp lệ",
                "<p class=\"good\">Giấy khen này do Hội đồng Thi đua - Khen thưởng tỉnh cấp và còn hiệu lực.</p>"
                        + rows));
    }

    private static void row(StringBuilder b, String label, Object value) {
        b.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(String.valueOf(value)))
                .append("</td></tr>");
    }

    private static String date(String isoDate) {
        try {
            return LocalDate.parse(isoDate).format(DATE);
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    private static byte[] html(String title, String body) {
        return ("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + " - Xác thực giấy khen</title><style>body{font-family:serif;max-width:40em;margin:2em auto;"
                + "padding:0 1em}th{text-align:left;padding:.3em 1em .3em 0;vertical-align:top}.good{color:#1a6b1a}"
                + ".bad{color:#a01414}</style></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
