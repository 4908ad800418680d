package vn.tdkt.hub.domain.letter;

import java.text.Normalizer;

/**
 * Makes a person-supplied value safe to print on one line of a letter, a mail header or a certificate: Unicode
 * normalised to NFC (names may arrive decomposed, with combining marks) and every control character (U+0000 to
 * U+001F, U+007F to U+009F, which includes CR, LF and TAB) replaced by a space, so that no value can start a new
 * header or a new line of the plain-text letter. HTML escaping is left to the templates' auto-escaping.
 */
final class SafeText {

    private SafeText() {
    }

    /** The value as a safe single line; null stays null. */
    static String line(String value) {
        if (value == null) {
            return null;
        }
        String nfc = Normalizer.normalize(value, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString();
    }
}
