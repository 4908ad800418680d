package vn.tdkt.hub.letters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headers of a letter's mail as a client reads them: the message is written out and parsed back, and its
 * encoded-words are checked one by one.
 */
class MailComposerTest {

    private static final String OFFICE = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG";
    private static final String LONG_NAME =
            "UBND TỈNH HÀ NAM - HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH HÀ NAM NHIỆM KỲ 2021-2026";
    private static final String SUBJECT = "Thông báo khen thưởng: Bằng khen của Chủ tịch UBND tỉnh - "
            + "Đội quản lý thị trường số 1 (Đơn vị \"mẫu\") - năm 2023";
    private static final String PDF_NAME = "Bằng khen của Chủ tịch UBND tỉnh - Đội quản lý thị trường số 1 - 2023.pdf";
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final Date AT = Date.from(OffsetDateTime.parse("2024-01-12T02:30:05Z").toInstant());

    private static MimeMessage roundTrip(String fromName, String subject, List<String> to) throws Exception {
        MimeMessage m = MailComposer.compose(new MailComposer.Mail("<2023.x@hanam.example>", "tdkt@hanam.example",
                fromName, to, List.of("Văn phòng Sở <vp@hanam.example>"), subject, "<p>Kính gửi</p>", "Kính gửi",
                "%PDF-1.7 test".getBytes(StandardCharsets.US_ASCII), PDF_NAME), AT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {OFFICE, LONG_NAME})
    void fromNameDecodesAsWrittenAndIsCutOnlyAtWordEnds(String name) throws Exception {
        MimeMessage m = roundTrip(name, SUBJECT, List.of("skhdt@hanam.example"));
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo(name);
        assertThat(from.getAddress()).isEqualTo("tdkt@hanam.example");
        String raw = m.getHeader("From", null);
        assertCutAtWordEnds(raw.substring(0, raw.lastIndexOf('<')), name);
        assertLinesAtMost76(raw, "From: ");
    }

    @Test
    void subjectAndCcNameTooAndTheDateInVietnamTime() throws Exception {
        MimeMessage m = roundTrip(OFFICE, SUBJECT, List.of("skhdt@hanam.example", "Sở Tài chính <stc@hanam.example>"));
        assertThat(m.getSubject()).isEqualTo(SUBJECT);
        String rawSubject = m.getHeader("Subject", null);
        assertThat(encodedWords(rawSubject)).as("a long subject takes several encoded-words").hasSizeGreaterThan(2);
        assertCutAtWordEnds(rawSubject, SUBJECT);
        assertLinesAtMost76(rawSubject, "Subject: ");

        Address[] to = m.getRecipients(Message.RecipientType.TO);
        assertThat(to).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("skhdt@hanam.example", "stc@hanam.example");
        assertThat(((InternetAddress) to[1]).getPersonal()).isEqualTo("Sở Tài chính");
        assertThat(((InternetAddress) m.getRecipients(Message.RecipientType.CC)[0]).getPersonal())
                .isEqualTo("Văn phòng Sở");

        assertThat(m.getHeader("Date", null)).isEqualTo("Fri, 12 Jan 2024 09:30:05 +0700");
        assertThat(m.getSentDate()).isEqualTo(AT);
        assertThat(m.getMessageID()).isEqualTo("<2023.x@hanam.example>");
    }

    @Test
    void attachmentKeepsItsVietnameseNameWithAnAsciiFallback() throws Exception {
        MimeMessage m = roundTrip(OFFICE, SUBJECT, List.of("skhdt@hanam.example"));
        Part pdf = ((Multipart) m.getContent()).getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getFileName()).isEqualTo(PDF_NAME);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        String disposition = pdf.getHeader("Content-Disposition")[0];
        assertThat(disposition)
                .contains("filename=\"bang-khen-cua-chu-tich-ubnd-tinh-doi-quan-ly-thi-truong-so-1-2023.pdf\"")
                .contains("filename*=UTF-8''B%E1%BA%B1ng%20khen%20c%E1%BB%A7a%20Ch%E1%BB%A7");
        assertThat(disposition.chars()).allMatch(c -> c < 0x80);
        assertThat(new String(pdf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-1.7 test");
    }

    @Test
    void theMailLibrarysOwnEncodingCutsInsideAWordWhichTheCheckCatches() throws Exception {
        // what the hub did before: the library's encoding of the personal name
        String library = new InternetAddress("tdkt@hanam.example", LONG_NAME, "UTF-8").toString();
        String phrase = library.substring(0, library.lastIndexOf('<'));
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(phrase)).strip()).isEqualTo(LONG_NAME);
        assertThat(cutsInsideAWord(phrase)).isTrue();
        assertThat(cutsInsideAWord(MailHeaders.phrase(LONG_NAME))).isFalse();
    }

    @Test
    void asciiNamesAndEmlFileNames() {
        assertThat(MailHeaders.phrase("Office TDKT")).isEqualTo("Office TDKT");
        assertThat(MailHeaders.phrase("Office, \"TDKT\"")).isEqualTo("\"Office, \\\"TDKT\\\"\"");
        assertThat(MailComposer.emlFileName("12/TB-HĐTĐKT", "2023")).isEqualTo("12-TB-HĐTĐKT.eml");
        assertThat(MailComposer.emlFileName("7/TB:HĐ*TĐKT?", "2023")).isEqualTo("7-TB-HĐ-TĐKT.eml");
        assertThat(MailComposer.emlFileName(null, "2023")).isEqualTo("tong-hop-2023.eml");
    }

    /**
     * The header's text as every reader shows it: decoded by the standard (adjacent encoded-words joined), and each
     * encoded-word ends at the end of a word (its decoded text ends with white space) unless it is the last one, so
     * a reader that keeps the space between encoded-words shows the same words.
     */
    private static void assertCutAtWordEnds(String raw, String expected) throws Exception {
        String unfolded = MimeUtility.unfold(raw).strip();
        assertThat(MimeUtility.decodeText(unfolded)).isEqualTo(expected);
        List<String> words = encodedWords(raw);
        assertThat(words).isNotEmpty();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            String decoded = MimeUtility.decodeWord(words.get(i));
            assertThat(words.get(i).length()).isLessThanOrEqualTo(75);
            if (i < words.size() - 1) {
                assertThat(decoded).as("encoded-word %d of %s", i, words).matches("(?s).*\\s");
            }
            joined.append(decoded);
        }
        assertThat(joined.toString()).isEqualTo(expected);
        assertThat(cutsInsideAWord(raw)).isFalse();
        // a lax reader: replaces each encoded-word and keeps the white space between them
        String lax = ENCODED_WORD.matcher(unfolded).replaceAll(r -> Matcher.quoteReplacement(decode(r.group())));
        assertThat(lax.replaceAll("\\s+", " ")).isEqualTo(expected.replaceAll("\\s+", " "));
    }

    /** Whether two adjacent encoded-words split a word: the first's text ends and the second's starts in a word. */
    private static boolean cutsInsideAWord(String raw) {
        List<String> words = encodedWords(raw);
        for (int i = 0; i + 1 < words.size(); i++) {
            String a = decode(words.get(i));
            String b = decode(words.get(i + 1));
            if (!a.isEmpty() && !b.isEmpty() && !Character.isWhitespace(a.charAt(a.length() - 1))
                    && !Character.isWhitespace(b.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String word) {
        try {
            return MimeUtility.decodeWord(word);
        } catch (Exception e) {
            throw new AssertionError(word, e);
        }
    }

    private static List<String> encodedWords(String raw) {
        List<String> out = new ArrayList<>();
        Matcher m = ENCODED_WORD.matcher(raw);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static void assertLinesAtMost76(String raw, String name) {
        String[] lines = (name + raw).split("\r\n");
        for (String line : lines) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
        }
    }
}
