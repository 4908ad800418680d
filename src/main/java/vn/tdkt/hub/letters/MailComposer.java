package vn.tdkt.hub.letters;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import vn.tdkt.hub.feeds.FileNames;

/**
 * Builds the e-mail of a letter (contracts.md "E-mail"): UTF-8 subject and display names as RFC 2047 encoded-words
 * cut only at word ends ({@link MailHeaders}), a {@code Date} in Vietnam time (+0700), an HTML body with a
 * plain-text alternative, the certificate PDF attached under its Vietnamese file name ({@code filename*}, RFC 2231,
 * with an ASCII {@code filename} for old clients), and a fixed {@code Message-ID} derived from the awardId.
 * Nothing else is set: no internal header reaches the mail.
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
            InternetAddress from = new InternetAddress(mail.fromAddress(), true);
            m.setHeader("From", MailHeaders.address(from.getAddress(), mail.fromName()));
            setAddresses(m, "To", mail.to());
            setAddresses(m, "Cc", mail.cc());
            m.setHeader("Subject", MailHeaders.unstructured(mail.subject()));
            m.setHeader("Date", MailHeaders.date(date));

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
                String name = Normalizer.normalize(mail.pdfName(), Normalizer.Form.NFC);
                pdf.setHeader("Content-Type", "application/pdf;\r\n name=\"" + FileNames.asciiFallback(name)
                        + "\";\r\n name*=UTF-8''" + FileNames.rfc5987(name));
                pdf.setHeader("Content-Disposition", "attachment;\r\n filename=\"" + FileNames.asciiFallback(name)
                        + "\";\r\n filename*=UTF-8''" + FileNames.rfc5987(name));
                MimeMultipart mixed = new MimeMultipart("mixed");
                mixed.addBodyPart(body);
                mixed.addBodyPart(pdf);
                m.setContent(mixed);
            }
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalArgumentException("cannot compose the mail " + mail.messageId(), e);
        }
    }

    /**
     * The name of a letter's {@code .eml} copy: its letter number with the characters a file system forbids as "-",
     * Vietnamese letters kept ("12/TB-HĐTĐKT" gives "12-TB-HĐTĐKT.eml"); a summary mail (no number) is
     * "tong-hop-{period}.eml".
     */
    public static String emlFileName(String letterNumber, String period) {
        String base = letterNumber == null ? "" : FileNames.onDisk(letterNumber);
        return (base.isEmpty() ? "tong-hop-" + FileNames.onDisk(period) : base) + ".eml";
    }

    /** Every address of a header, each as {@code phrase <address>} where it has a display name. */
    private static void setAddresses(MimeMessage m, String header, List<String> addresses)
            throws MessagingException {
        if (addresses.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (String a : addresses) {
            InternetAddress parsed = new InternetAddress(a, true);
            values.add(MailHeaders.address(parsed.getAddress(), parsed.getPersonal()));
        }
        m.setHeader(header, String.join(",\r\n ", values));
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
