package vn.tdkt.hub.workbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.workbook.Clerk;
import vn.tdkt.hub.domain.workbook.HostileWorkbooks;
import vn.tdkt.hub.domain.workbook.ResultsTemplate;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;
import vn.tdkt.hub.support.TestRegistry;

/**
 * The e-mail intake against a running hub with its embedded mail server: a department mails its filled workbook
 * to ketqua@hanam.example and gets the answer with its scorecard; the same mail again changes nothing; a bad
 * workbook is answered cell by cell; a mail from an address no unit registered is not handled nor answered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailIntakeTest {

    static final String INTAKE = "ketqua@hanam.example";
    static final String KHDT = "skhdt@hanam.example";

    @TempDir
    static Path dir;
    static Hub hub;
    static Topics topics;

    @BeforeAll
    static void start() {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2).set("tdkt.intake.mail.poll-ms", "300");
        topics = harness.topics();
        hub = harness.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    @Order(1)
    void aMailedWorkbookIsScoredAndAnsweredWithTheScorecardOnce() throws Exception {
        byte[] template = ResultsTemplate.build(TestRegistry.load(), "2023", "SO-KHDT").orElseThrow();
        MimeMessage mail = mail(KHDT, "<kq-2023-1@hanam.example>", Clerk.filled(template, Clerk::khdtResults));
        Transport.send(mail);

        await().atMost(Duration.ofSeconds(60)).until(() -> answers(KHDT).size() == 1);
        MimeMessage answer = answers(KHDT).get(0);
        assertThat(answer.getSubject()).isEqualTo("Đã tiếp nhận báo cáo kết quả thi đua năm 2023 - SO-KHDT");
        assertThat(answer.getFrom()[0].toString()).isEqualTo(INTAKE);
        assertThat(answer.getHeader("In-Reply-To")[0]).isEqualTo("<kq-2023-1@hanam.example>");
        String text = (String) answer.getContent();
        assertThat(text).contains("- Tổng điểm: 78.75").contains("- Xếp loại: Hoàn thành tốt nhiệm vụ")
                .contains("- KT1: 13.25 / 30 điểm");
        int scores = TestKafka.readAll(topics.scores(), Duration.ofMillis(500)).size();
        assertThat(scores).isEqualTo(1);
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).hasSize(1)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo("SO-KHDT"));

        // the same mail (same Message-ID) again: recorded as a second copy, nothing published, not answered
        Transport.send(mail(KHDT, "<kq-2023-1@hanam.example>", Clerk.filled(template, Clerk::khdtResults)));
        await().atMost(Duration.ofSeconds(60)).until(() -> copies("<kq-2023-1@hanam.example>") == 2);
        assertThat(answers(KHDT)).hasSize(1);
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).hasSize(1);
        assertThat(TestKafka.readAll(topics.scores(), Duration.ofMillis(500))).hasSize(scores);
    }

    @Test
    @Order(2)
    void aBadWorkbookIsAnsweredCellByCellAndNothingIsPublished() throws Exception {
        Transport.send(mail(KHDT, "<kq-2023-2@hanam.example>", HostileWorkbooks.file("negative.xlsx")));
        await().atMost(Duration.ofSeconds(60)).until(() -> answers(KHDT).size() == 2);
        MimeMessage answer = answers(KHDT).get(1);
        assertThat(answer.getSubject()).isEqualTo("Báo cáo kết quả thi đua không được tiếp nhận");
        assertThat((String) answer.getContent()).contains("- Sheet Kết quả, ô D9: phải là số không âm");
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    @Order(3)
    void aMailFromAnUnregisteredAddressIsNeitherHandledNorAnswered() throws Exception {
        byte[] template = ResultsTemplate.build(TestRegistry.load(), "2023", "SO-KHDT").orElseThrow();
        Transport.send(mail("mao-danh@example.org", "<fake-1@example.org>", Clerk.filled(template, Clerk::khdtResults)));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("<fake-1@example.org>").equals("IGNORED"));
        assertThat(answers("mao-danh@example.org")).isEmpty();
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).hasSize(1);
    }

    @Test
    @Order(4)
    void aMailReadAgainAfterACrashBeforeItsAnswerIsADuplicateAndAnsweredAgain() throws Exception {
        // as if the hub had died after publishing and before recording the answer: the mail is read again
        hub.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mail_intake SET status = 'RECEIVED' WHERE message_id = '<kq-2023-1@hanam.example>'")) {
                return ps.executeUpdate();
            }
        });
        int answered = answers(KHDT).size();
        byte[] template = ResultsTemplate.build(TestRegistry.load(), "2023", "SO-KHDT").orElseThrow();
        Transport.send(mail(KHDT, "<kq-2023-1@hanam.example>", Clerk.filled(template, Clerk::khdtResults)));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("<kq-2023-1@hanam.example>").equals("ANSWERED"));
        assertThat(copies("<kq-2023-1@hanam.example>")).isEqualTo(3);
        assertThat(answers(KHDT)).hasSize(answered + 1);
        assertThat((String) answers(KHDT).get(answered).getContent()).contains("- Tổng điểm: 78.75");
        assertThat(TestKafka.readAll(topics.results(), Duration.ofMillis(500))).as("not published again").hasSize(1);
    }

    static MimeMessage mail(String from, String messageId, byte[] workbook) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", hub.embeddedMail().host());
        p.put("mail.smtp.port", String.valueOf(hub.embeddedMail().smtpPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(p)) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, INTAKE);
        m.setSubject("Báo cáo kết quả thi đua 2023", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Kính gửi Ban Thi đua, đơn vị gửi kèm báo cáo.", "UTF-8");
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(workbook, WorkbookApi.XLSX)));
        file.setFileName("ket-qua-2023.xlsx");
        m.setContent(new MimeMultipart(text, file));
        m.saveChanges();
        return m;
    }

    static List<MimeMessage> answers(String to) {
        return hub.embeddedMail().receivedMessages().stream().filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(to)
                        && m.getFrom()[0].toString().equals(INTAKE);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static int copies(String messageId) {
        return hub.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT copies FROM mail_intake WHERE message_id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    static String status(String messageId) {
        return hub.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM mail_intake WHERE message_id = ?")) {
                ps.setString(1, messageId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        });
    }
}
