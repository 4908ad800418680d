package vn.tdkt.hub.letters;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.tdkt.hub.domain.VietnamTime;

/**
 * Header values of the hub's mails that every common client shows as written.
 *
 * <p>Names and subjects with Vietnamese letters are RFC 2047 encoded-words ({@code =?UTF-8?B?…?=}, B encoding).
 * The mail library cuts such text into encoded-words wherever the length limit falls, even inside a word; a
 * conforming reader joins adjacent encoded-words without the folding space between them, but some clients keep
 * that space and show "ĐU A" for "ĐUA". Here text is cut only <em>after</em> the white space that ends a word: each
 * encoded-word holds whole words with their following space, so every reader shows the same text (a reader that
 * keeps the folding space shows at most a doubled space between words). A single word longer than an encoded-word
 * (over 40 bytes of UTF-8) is the only thing cut inside, at a character boundary. Encoded-words are at most
 * {@value #MAX_WORD} characters and folded onto lines of their own, so no line exceeds 76 characters.
 */
final class MailHeaders {

    /** Most characters of one encoded-word: "Subject: " plus one word stays within 76. */
    static final int MAX_WORD = 66;
    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";
    private static final String FOLD = "\r\n ";
    /** A word with the white space after it (the first one also with any white space before it). */
    private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*");
    /** RFC 5322 atext, and space: a phrase of these needs no quoting. */
    private static final Pattern ATOMS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    /** Vietnam's offset: every time the hub shows is +07:00. */

    private MailHeaders() {
    }

    /** A display name (RFC 5322 phrase): as is, quoted, or encoded-words cut at word ends. */
    static String phrase(String name) {
        String text = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
        if (ATOMS.matcher(text).matches()) {
            return text;
        }
        if (PRINTABLE_ASCII.matcher(text).matches()) {
            return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return encodedWords(text);
    }

    /**
     * An address with its display name: {@code phrase <address>}, the address folded onto a line of its own where
     * the line would exceed 76 characters after a header name of up to 6 ("From: "); the address alone without a
     * name.
     */
    static String address(String address, String name) {
        if (name == null || name.isBlank()) {
            return address;
        }
        String phrase = phrase(name);
        String lastLine = phrase.substring(phrase.lastIndexOf('\n') + 1);
        boolean fits = 6 + lastLine.length() + 3 + address.length() <= 76;
        return phrase + (fits ? " <" : FOLD + "<") + address + ">";
    }

    /** Unstructured text (Subject): as is when printable ASCII, else encoded-words cut at word ends. */
    static String unstructured(String value) {
        String text = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        return PRINTABLE_ASCII.matcher(text).matches() ? text : encodedWords(text);
    }

    /** RFC 5322 date in Vietnam time, e.g. {@code Fri, 12 Jan 2024 09:30:00 +0700}. */
    static String date(Date date) {
        return DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ROOT)
                .format(date.toInstant().atOffset(VietnamTime.OFFSET));
    }

    /** Encoded-words of whole words (each with its following space), folded one per line. */
    static String encodedWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (chunk.length() > 0 && length(chunk + word) > MAX_WORD) {
                words.add(encode(chunk.toString()));
                chunk.setLength(0);
            }
            if (length(word) > MAX_WORD) {
                words.addAll(cutLongWord(word));
            } else {
                chunk.append(word);
            }
        }
        if (chunk.length() > 0) {
            words.add(encode(chunk.toString()));
        }
        return String.join(FOLD, words);
    }

    /** A word too long for one encoded-word, cut at character (code point) boundaries. */
    private static List<String> cutLongWord(String word) {
        List<String> out = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        word.codePoints().forEach(cp -> {
            String c = new String(Character.toChars(cp));
            if (part.length() > 0 && length(part + c) > MAX_WORD) {
                out.add(encode(part.toString()));
                part.setLength(0);
            }
            part.append(c);
        });
        if (part.length() > 0) {
            out.add(encode(part.toString()));
        }
        return out;
    }

    private static int length(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        return PREFIX.length() + 4 * ((bytes + 2) / 3) + SUFFIX.length();
    }

    private static String encode(String text) {
        return PREFIX + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }
}
