package vn.tdkt.hub.domain.submission;

public record Initiative(String title, InitiativeLevel level) {
}
