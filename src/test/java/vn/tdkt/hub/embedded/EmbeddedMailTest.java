package vn.tdkt.hub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Properties;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real SMTP and IMAP with jakarta.mail clients; one mail server for the class. */
class EmbeddedMailTest {

    private static final String SUBJECT = "Thông báo khen thưởng";
    private static final String BODY = "Kính gửi Sở Kế hoạch và Đầu tư: đơn vị được đề nghị tặng Cờ thi đua.";

    private static EmbeddedMail mail;

    @BeforeAll
    static void startMail() {
        mail = EmbeddedMail.start(0, 0);
    }

    @AfterAll
    static void stopMail() {
        mail.close();
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        assertThat(mail.host()).isEqualTo("127.0.0.1");
        assertThat(ListeningSockets.addresses(mail.smtpPort())).containsExactly(ListeningSockets.LOOPBACK);
        assertThat(ListeningSockets.addresses(mail.imapPort())).containsExactly(ListeningSockets.LOOPBACK);
    }

    @Test
    void deliversUtf8MailThatTheRecipientReadsOverImap() throws Exception {
        mail.createUser("skhdt@hanam.example", "skhdt", "mat-khau");

        send("skhdt@hanam.example", SUBJECT, BODY);

        try (Store store = imapSession().getStore("imap")) {
            store.connect(mail.host(), mail.imapPort(), "skhdt", "mat-khau");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            await().atMost(Duration.ofSeconds(10)).until(inbox::getMessageCount, count -> count == 1);
            Message received = inbox.getMessage(1);
            assertThat(received.getSubject()).isEqualTo(SUBJECT);
            assertThat(((String) received.getContent()).trim()).isEqualTo(BODY);
            inbox.close(false);
        }
        assertThat(mail.receivedMessages()).extracting(Message::getSubject).contains(SUBJECT);
    }

    @Test
    void imapRefusesAWrongPassword() {
        mail.createUser("ubndpl@hanam.example", "ubndpl", "dung");

        assertThatThrownBy(() -> {
            try (Store store = imapSession().getStore("imap")) {
                store.connect(mail.host(), mail.imapPort(), "ubndpl", "sai");
            }
        }).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void stopRefusesMailAndStartComesBackOnTheSamePortsKeepingMailboxes() throws Exception {
        send("lanhdao@hanam.example", "Trước khi dừng", "một");
        int smtpPort = mail.smtpPort();
        int imapPort = mail.imapPort();

        mail.stop();
        assertThat(mail.isRunning()).isFalse();
        assertThatThrownBy(() -> send("lanhdao@hanam.example", "Trong khi dừng", "hai"))
                .isInstanceOf(MessagingException.class);

        mail.start();
        assertThat(mail.smtpPort()).isEqualTo(smtpPort);
        assertThat(mail.imapPort()).isEqualTo(imapPort);
        send("lanhdao@hanam.example", "Sau khi chạy lại", "ba");
        assertThat(mail.receivedMessages())
                .extracting(Message::getSubject)
                .contains("Trước khi dừng", "Sau khi chạy lại")
                .doesNotContain("Trong khi dừng");
    }

    private static void send(String to, String subject, String body) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "2000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("tdkt@hanam.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        Transport.send(message);
    }

    private static Session imapSession() {
        return Session.getInstance(new Properties());
    }
}
