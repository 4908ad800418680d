package vn.tdkt.hub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.e2e.ClosingFlowTest.L;
import static vn.tdkt.hub.e2e.ClosingFlowTest.M;
import static vn.tdkt.hub.e2e.ClosingFlowTest.X;
import static vn.tdkt.hub.e2e.ClosingFlowTest.command;
import static vn.tdkt.hub.e2e.ClosingFlowTest.nominee;
import static vn.tdkt.hub.e2e.ClosingFlowTest.sub;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.embedded.EmbeddedMail;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.Queries;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * The letters of a close through a real SMTP+IMAP server (GreenMail): exact subject, sender, recipients, body
 * and certificate for a unit award, a person award, a block prize and a proposal; exactly one mail per award
 * when the SMTP server is down for a while, when a send was interrupted before its record, and with two hubs.
 *
 * <p>Data: ClosingFlowTest's profiles for 2021 and 2022, closed 2022 only, no hold. 2022 awards (worked there):
 * flags SO-KHDT and UBND-PL, collective certificate SO-TC (XUAT_SAC 2021 and 2022), government flag proposal
 * SO-KHDT, Giải Nhất DP and Nhì KT-TH, personal certificate SO-KHDT/NV-1: 7 letters, numbered 1 to 7.
 */
class LettersFlowTest {

    static final String OFFICE = "tdkt@hanam.example";

    @TempDir
    Path dir;

    static List<Map.Entry<String, byte[]>> data() {
        List<Map.Entry<String, byte[]>> subs = new ArrayList<>();
        for (String p : List.of("2021", "2022")) {
            subs.add(sub(p, "SO-KHDT", L, null, nominee("NV-1", "Nguyễn Thị Hoa", "F", "TOT", true, "GRASSROOTS")));
            subs.add(sub(p, "SO-TC", X, null, null));
            subs.add(sub(p, "SO-CT", M, null, null));
            subs.add(sub(p, "UBND-PL", L, null, null));
            subs.add(sub(p, "UBND-BL", p.equals("2021") ? M : X, null, null));
            subs.add(sub(p, "UBND-LN", M, null, nominee("NV-9", "Lê Văn <script>alert(1)</script> Tú", "M",
                    "TOT", false, "GRASSROOTS")));
        }
        return subs;
    }

    void publishAndClose(Topics topics) {
        TestKafka.publish(topics.results(), data());
        command(topics, "close-2022", "{\"commandId\":\"close-2022\",\"type\":\"CLOSE_PERIOD\",\"period\":\"2022\"}");
    }

    @Test
    void eachLetterIsExactlyRightWithItsCertificate() throws Exception {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2).createTopics();
        try (Hub hub = harness.start()) {
            publishAndClose(harness.topics());
            EmbeddedMail mail = hub.embeddedMail();
            Map<String, MimeMessage> byId = awaitLetters(mail, 8);

            MimeMessage flag = byId.get(id(byId, "Cờ thi đua của UBND tỉnh - Sở Kế hoạch và Đầu tư"));
            assertThat(flag.getSubject())
                    .isEqualTo("Thông báo khen thưởng: Cờ thi đua của UBND tỉnh - Sở Kế hoạch và Đầu tư - năm 2022");
            assertThat(addresses(flag.getFrom())).containsExactly(OFFICE);
            assertThat(addresses(flag.getRecipients(Message.RecipientType.TO))).containsExactly("skhdt@hanam.example");
            assertThat(addresses(flag.getRecipients(Message.RecipientType.CC))).containsExactly(OFFICE);
            String html = part(flag, "text/html");
            assertThat(html).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "THÔNG BÁO", "Cờ thi đua của UBND tỉnh",
                    "Sở Kế hoạch và Đầu tư", "năm 2022", "Trương Quốc Huy", "Nơi nhận");
            assertThat(part(flag, "text/plain")).contains("THÔNG BÁO", "Sở Kế hoạch và Đầu tư", "TB-HĐTĐKT");
            assertThat(flag.getHeader("Message-ID")[0]).matches("<[0-9a-f]{32}@hanam\\.example>");
            assertThat(flag.getHeader("CamelKafkaTopic")).isNull();

            Part pdf = attachment(flag);
            assertThat(MimeUtility.decodeText(pdf.getFileName()))
                    .isEqualTo("Cờ thi đua của UBND tỉnh - Sở Kế hoạch và Đầu tư - 2022.pdf");
            String pdfText;
            byte[] pdfBytes;
            try (InputStream in = pdf.getInputStream()) {
                pdfBytes = in.readAllBytes();
            }
            String qrUrl;
            try (var doc = Loader.loadPDF(pdfBytes)) {
                pdfText = new PDFTextStripper().getText(doc);
                qrUrl = qr(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 150));
                // signed (PAdES) by the council's embedded key, over the whole document
                assertThat(doc.getSignatureDictionaries()).hasSize(1);
                var signature = doc.getSignatureDictionaries().get(0);
                assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
                assertThat(signature.getByteRange()[2] + signature.getByteRange()[3]).isEqualTo(pdfBytes.length);
            }
            assertThat(dir.resolve("signing.p12")).exists();
            assertThat(html).contains("được ký số bởi <b>HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG</b>");
            String number = Queries.letterNumber(hub.database(), "2022:CO_THI_DUA_TINH:SO-KHDT");
            assertThat(pdfText).contains("Cờ thi đua của UBND tỉnh", "Sở Kế hoạch và Đầu tư", "2022", number);

            MimeMessage person = byId.get(id(byId, "Bằng khen của Chủ tịch UBND tỉnh - Nguyễn Thị Hoa"));
            assertThat(person.getSubject())
                    .isEqualTo("Thông báo khen thưởng: Bằng khen của Chủ tịch UBND tỉnh - Nguyễn Thị Hoa - năm 2022");
            assertThat(addresses(person.getRecipients(Message.RecipientType.TO))).containsExactly("skhdt@hanam.example");
            assertThat(part(person, "text/html")).contains("Nguyễn Thị Hoa");

            MimeMessage prize = byId.get(id(byId, "Giải Nhất khối thi đua"));
            assertThat(prize.getSubject()).isEqualTo(
                    "Thông báo khen thưởng: Giải Nhất khối thi đua - Khối các huyện, thị xã, thành phố - năm 2022");
            assertThat(addresses(prize.getRecipients(Message.RecipientType.TO))).containsExactly("ubndpl@hanam.example");

            MimeMessage proposal = byId.get(id(byId, "Cờ thi đua của Chính phủ"));
            assertThat(addresses(proposal.getRecipients(Message.RecipientType.TO))).containsExactly(OFFICE);
            assertThat(proposal.getRecipients(Message.RecipientType.CC)).isNull();

            // the office's summary of the close lists every award
            MimeMessage summary = byId.values().stream().filter(m -> subject(m).startsWith("Tổng hợp"))
                    .findFirst().orElseThrow();
            assertThat(part(summary, "text/html")).contains("Sở Tài chính", "Nguyễn Thị Hoa", "Giải Nhì khối thi đua");

            // the certificate's code verifies, a forged one does not
            String code = Queries.verificationCode(hub.database(), "2022:CO_THI_DUA_TINH:SO-KHDT");
            assertThat(pdfText).contains(code, hub.httpBase() + "/verify/" + code);
            // the QR code leads to the public page of this award, in Vietnamese; a wrong code to a page saying so
            assertThat(qrUrl).isEqualTo(hub.httpBase() + "/verify/" + code);
            var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(qrUrl)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
            assertThat(page.body()).contains("Giấy khen hợp lệ", "Sở Kế hoạch và Đầu tư", "Cờ thi đua của UBND tỉnh",
                    "2022", number, "Có, do HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG ký", "Còn hiệu lực")
                    .doesNotContain("skhdt@hanam.example", "2022:CO_THI_DUA_TINH:SO-KHDT");
            var wrong = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(hub.httpBase() + "/verify/AAAA-BBBB-CCCC-DDDD")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(404);
            assertThat(wrong.body()).contains("Mã xác thực không đúng").doesNotContain("Còn hiệu lực");
            var http = new vn.tdkt.hub.support.Http(hub.httpBase()); // verification is public
            assertThat(http.get("/api/verify/" + code).statusCode()).isEqualTo(200);
            assertThat(vn.tdkt.hub.support.Http.json(http.get("/api/verify/" + code)).get("recipientName").asText())
                    .isEqualTo("Sở Kế hoạch và Đầu tư");
            assertThat(http.get("/api/verify/AAAA-BBBB-CCCC-DDDD").statusCode()).isEqualTo(404);

            // copies as .eml files in the data folder
            try (var files = Files.list(dir.resolve("letters"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(8);
            }
            // every LetterEvent is SENT, once per award
            var events = TestKafka.readAll(harness.topics().letters(), Duration.ofSeconds(2));
            assertThat(events).hasSize(7);
            assertThat(events).allMatch(e -> e.value().contains("\"status\":\"SENT\""));
        }
    }

    @Test
    void smtpDownForAWhileThenEveryLetterOnceWithoutGaps() throws Exception {
        // production settings for the certificates: a PKCS#12 keystore named by configuration, a public address
        Path keys = java.nio.file.Files.createDirectories(dir.resolve("province-keys"));
        var province = vn.tdkt.hub.signing.EmbeddedSigningKey.loadOrCreate(keys, "CHỨNG THƯ CỦA TỈNH (THỬ)", "UBND",
                "Hà Nam");
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics()
                .set("tdkt.letters.signing.keystore", province.keystore().toString())
                .set("tdkt.letters.signing.keystore-password", java.nio.file.Files.readString(
                        keys.resolve(vn.tdkt.hub.signing.EmbeddedSigningKey.PASSWORD_FILE)).trim())
                .set("tdkt.letters.signing.alias", vn.tdkt.hub.signing.EmbeddedSigningKey.ALIAS)
                .set("tdkt.http.public-base-url", "https://tdkt.hanam.example/");
        try (Hub hub = harness.start()) {
            EmbeddedMail mail = hub.embeddedMail();
            mail.stop();
            publishAndClose(harness.topics());
            await().atMost(Duration.ofSeconds(60)).until(() -> Queries.count(hub.database(),
                    "SELECT COUNT(*) FROM letter WHERE attempts >= 2") == 7);
            assertThat(Queries.count(hub.database(), "SELECT COUNT(*) FROM letter WHERE status = 'SENT'")).isZero();
            mail.start();
            Map<String, MimeMessage> byId = awaitLetters(mail, 8);
            assertThat(byId).hasSize(8);
            // the outcome is recorded just after the SMTP server's acceptance
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Queries.count(hub.database(), "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") == 7);
            assertThat(numbers(hub)).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(copiesPerMessageId(mail)).allSatisfy((id, n) -> assertThat(n).isLessThanOrEqualTo(2));

            // signed with the configured key (no embedded one is made), pointing to the public address
            assertThat(dir.resolve("signing.p12")).doesNotExist();
            assertThat(hub.certificateSigning()).startsWith("signed by CHỨNG THƯ CỦA TỈNH (THỬ) (keystore ");
            MimeMessage flag = byId.get(id(byId, "Cờ thi đua của UBND tỉnh - Sở Kế hoạch và Đầu tư"));
            byte[] pdfBytes;
            try (InputStream in = attachment(flag).getInputStream()) {
                pdfBytes = in.readAllBytes();
            }
            String code = Queries.verificationCode(hub.database(), "2022:CO_THI_DUA_TINH:SO-KHDT");
            try (var doc = Loader.loadPDF(pdfBytes)) {
                assertThat(new PDFTextStripper().getText(doc)).contains("https://tdkt.hanam.example/verify/" + code);
                var signature = doc.getSignatureDictionaries().get(0);
                try (var der = new org.bouncycastle.asn1.ASN1InputStream(signature.getContents(pdfBytes))) {
                    var cms = new org.bouncycastle.cms.CMSSignedData(new org.bouncycastle.cms.CMSProcessableByteArray(
                            signature.getSignedContent(pdfBytes)),
                            org.bouncycastle.asn1.cms.ContentInfo.getInstance(der.readObject()));
                    assertThat(cms.getSignerInfos().getSigners().iterator().next().verify(
                            new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
                                    .build(province.key().certificate()))).isTrue();
                }
            }
            assertThat(part(flag, "text/html")).contains("được ký số bởi <b>CHỨNG THƯ CỦA TỈNH (THỬ)</b>");
        }
    }

    @Test
    void anInterruptedSendIsNotSentAgainAfterARestart() throws Exception {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.POSTGRES).createTopics();
        EmbeddedMail mail = EmbeddedMail.start(0, 0);
        try {
            String password = "office-mailbox-password";
            mail.createUser(OFFICE, OFFICE, password);
            harness.set("tdkt.smtp.host", "127.0.0.1").set("tdkt.smtp.port", "" + mail.smtpPort())
                    .set("tdkt.imap.host", "127.0.0.1").set("tdkt.imap.port", "" + mail.imapPort())
                    .set("tdkt.imap.protocol", "imap").set("tdkt.imap.user", OFFICE)
                    .set("tdkt.imap.password", password).set("tdkt.letters.lease-ms", "1000");
            try (Hub hub = harness.start()) {
                publishAndClose(harness.topics());
                awaitLetters(mail, 8);
                // the state a crash leaves between the SMTP server's acceptance and the record: SENDING, lease gone
                hub.database().inTransaction(c -> {
                    try (PreparedStatement st = c.prepareStatement("UPDATE letter SET status = 'SENDING', "
                            + "claimed_by = 'dead-instance', lease_until = 0 WHERE number_in_year IN (2, 5)")) {
                        return st.executeUpdate();
                    }
                });
            }
            try (Hub restarted = harness.start(); Hub second = harness.start()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> Queries.count(restarted.database(),
                        "SELECT COUNT(*) FROM letter WHERE status = 'SENT'") == 7);
                assertThat(copiesPerMessageId(mail)).hasSize(8)
                        .allSatisfy((id, n) -> assertThat(n).as(id).isLessThanOrEqualTo(2));
                assertThat(mail.receivedMessages()).hasSize(7 * 2 - 1 + 1); // 6 letters to a unit + cc, 1 proposal, 1 summary
            }
        } finally {
            mail.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** Waits until {@code n} distinct Message-IDs arrived; returns one message per id. */
    static Map<String, MimeMessage> awaitLetters(EmbeddedMail mail, int n) {
        await().atMost(Duration.ofSeconds(90)).until(() -> copiesPerMessageId(mail).size() >= n);
        Map<String, MimeMessage> byId = new TreeMap<>();
        for (MimeMessage m : mail.receivedMessages()) {
            byId.putIfAbsent(messageId(m), m);
        }
        return byId;
    }

    static Map<String, Integer> copiesPerMessageId(EmbeddedMail mail) {
        Map<String, Integer> counts = new HashMap<>();
        mail.receivedMessages().forEach(m -> counts.merge(messageId(m), 1, Integer::sum));
        return counts;
    }

    static String messageId(MimeMessage m) {
        try {
            return m.getHeader("Message-ID")[0];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String id(Map<String, MimeMessage> byId, String subjectPart) {
        return byId.entrySet().stream().filter(e -> subject(e.getValue()).contains(subjectPart)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no mail about " + subjectPart));
    }

    static List<String> addresses(Address[] addresses) {
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(((jakarta.mail.internet.InternetAddress) a).getAddress());
        }
        return out;
    }

    static String part(Part p, String type) throws Exception {
        if (p.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            return (String) p.getContent();
        }
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String found = part(mp.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static Part attachment(MimeMessage m) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart b = mp.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(b.getDisposition())) {
                return b;
            }
        }
        throw new AssertionError("no attachment");
    }

    static List<Integer> numbers(Hub hub) {
        return Queries.column(hub.database(), "SELECT number_in_year FROM letter ORDER BY number_in_year").stream()
                .map(Integer::valueOf).toList();
    }

    /** The text of the QR code on a rendered page (ZXing). */
    private static String qr(java.awt.image.BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(image.getWidth(),
                        image.getHeight(), pixels))), Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }
}
