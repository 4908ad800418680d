package vn.tdkt.hub.feeds;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * File names that keep their Vietnamese letters where a client can show them: the {@code Content-Disposition} of a
 * download or an attachment (RFC 6266 / RFC 2183 with the RFC 5987 / RFC 2231 {@code filename*} parameter and an
 * ASCII fallback for old clients), and names of files the hub writes.
 */
public final class FileNames {

    private FileNames() {
    }

    /**
     * {@code attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded}; the whole value is ASCII, and
     * {@code filename*} comes last, so a client that reads both keeps the UTF-8 name.
     */
    public static String attachment(String fileName) {
        String nfc = Normalizer.normalize(fileName, Normalizer.Form.NFC);
        return "attachment; filename=\"" + asciiFallback(nfc) + "\"; filename*=UTF-8''" + rfc5987(nfc);
    }

    /**
     * The name without diacritics ("đ" becomes "d"), lower case, runs of anything but letters, digits and
     * {@code . _ -} as one "-" (none before the extension or at the ends); "download" if nothing is left.
     */
    public static String asciiFallback(String name) {
        String base = Normalizer.normalize(name.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String safe = base.replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-|-(?=\\.)|-$", "");
        return safe.isEmpty() || safe.startsWith(".") ? "download" + safe : safe;
    }

    /** RFC 5987 value-chars: attr-char as is, every other UTF-8 byte as %XX. */
    public static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * A name for a file on disk that keeps Vietnamese letters (NFC): the characters Windows and Unix forbid
     * ({@code / \ : * ? " < > |}) and control characters become "-", runs of "-" one, no "-" or "." at the ends.
     */
    public static String onDisk(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return nfc.replaceAll("[/\\\\:*?\"<>|\\p{Cntrl}]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.\\s]+|[-.\\s]+$", "");
    }
}
