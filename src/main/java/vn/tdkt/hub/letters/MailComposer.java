package vn.tdkt.hub.letters;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Builds the e-mail of a letter (contracts.md "E-mail"): UTF-8 subject and names encoded by the mail library
 * (RFC 2047), an HTML body with a plain-text alternative, the certificate PDF attached (file name RFC 2231
 * encoded, diacritics kept), and a fixed {@code Message-ID} derived from the awardId. Nothing else is set: no
 * internal header reaches the mail.
 */
public final class MailComposer {

    private static final Session SESSION;

    static {
        Properties p = new Properties();
        p.put("mail.mime.charset", "UTF-8");
        p.put("mail.mime.encodeparameters", "true");
        SESSION = Session.getInstance(p);
    }

    private MailComposer() {
    }

    /** The parts of one mail. {@code pdf} and {@code pdfName} may be null (summary mails). */
    public record Mail(String messageId, String fromAddress, String fromName, List<String> to, List<String> cc,
                       String subject, String html, String text, byte[] pdf, String pdfName) {
    }

    public static MimeMessage compose(Mail mail, Date date) {
        try {
            MimeMessage m = new FixedIdMessage(SESSION, mail.messageId());
            m.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), StandardCharsets.UTF_8.name()));
            for (String to : mail.to()) {
                m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            for (String cc : mail.cc()) {
                m.addRecipient(Message.RecipientType.CC, new InternetAddress(cc, true));
            }
            m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(date);

            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);

            if (mail.pdf() == null) {
                m.setContent(alternative);
            } else {
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                MimeBodyPart pdf = new MimeBodyPart();
                pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.pdf(), "application/pdf")));
                pdf.setFileName(mail.pdfName());
                pdf.setDisposition(MimeBodyPart.ATTACHMENT);
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                mixed.addBodyPart(pdf);
                m.setContent(mixed);
            }
            m.saveChanges();
            return m;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("cannot compose the mail " + mail.messageId(), e);
        }
    }

    /** A message whose Message-ID is the given one, whatever saves it. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
