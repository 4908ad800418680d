package vn.tdkt.hub.domain.submission;

import java.time.OffsetDateTime;
import java.util.List;

import vn.tdkt.hub.domain.scoring.Members;

/**
 * A validated submission (contracts.md, "Submission"). {@code members} is null when absent; {@code results} and
 * {@code nominees} are empty lists when absent.
 */
public record Submission(String submissionId, String unitCode, String period, OffsetDateTime submittedAt,
                         Members members, List<ResultEntry> results, List<Nominee> nominees) {

    public Submission {
        results = results == null ? List.of() : List.copyOf(results);
        nominees = nominees == null ? List.of() : List.copyOf(nominees);
    }
}
