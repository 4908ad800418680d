package vn.tdkt.hub.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** The small parts of the HTTP and mail glue: file name encoding, multipart bodies, the relay's verdict. */
class WorkbookApiPartsTest {

    @Test
    void theTemplatesFileNameIsOfferedInUtf8WithAnAsciiFallback() {
        assertThat(WorkbookApi.disposition("Báo cáo kết quả thi đua 2024 - SO-CT.xlsx")).isEqualTo(
                "attachment; filename=\"Bao cao ket qua thi dua 2024 - SO-CT.xlsx\"; filename*=UTF-8''"
                        + "B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20thi%20%C4%91ua%202024%20-%20SO-CT.xlsx");
    }

    @Test
    void aMultipartBodyGivesItsFilePartAndAnyOtherBodyIsTheFile() {
        String body = "--b1\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nxin\r\n"
                + "--b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.xlsx\"\r\n\r\nPK\u0003\u0004data\r\n"
                + "--b1--\r\n";
        byte[] file = Multipart.file(body.getBytes(StandardCharsets.ISO_8859_1), "multipart/form-data; boundary=b1");
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).isEqualTo("PK\u0003\u0004data");
        assertThat(Multipart.file(new byte[] {1, 2}, "application/octet-stream")).containsExactly(1, 2);
        assertThat(Multipart.file(new byte[] {1, 2}, "multipart/form-data")).isEmpty();
    }

    @Test
    void onlyADkimOrSpfPassCountsAsAuthenticated() throws Exception {
        assertThat(MailIntake.authenticated(mail(null))).isFalse();
        assertThat(MailIntake.authenticated(mail("mx.hanam.example; dkim=fail; spf=softfail"))).isFalse();
        assertThat(MailIntake.authenticated(mail("mx.hanam.example; dkim=pass header.d=hanam.example"))).isTrue();
        assertThat(MailIntake.authenticated(mail("mx.hanam.example;\r\n spf=pass smtp.mailfrom=hanam.example"))).isTrue();
        assertThat(MailIntake.authenticated(mail("mx.hanam.example; dkim=passed"))).isFalse();
    }

    private static MimeMessage mail(String authResults) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        if (authResults != null) {
            m.setHeader("Authentication-Results", authResults);
        }
        return m;
    }
}
