package vn.tdkt.hub.domain.letter;

/**
 * A rendered e-mail: its subject (one line, no control character), its HTML body (a complete, self-contained
 * document) and its plain-text alternative.
 */
public record RenderedLetter(String subject, String html, String text) {
}
