package vn.tdkt.hub.feeds;

import java.time.OffsetDateTime;
import java.util.List;

/** LetterEvent of contracts.md ({@code tdkt.letters}, key {@code awardId}). */
public record LetterEventMessage(String awardId, String letterNumber, List<String> to, List<String> cc,
                                 String status, int attempts, String messageId, String error, OffsetDateTime at) {
}
