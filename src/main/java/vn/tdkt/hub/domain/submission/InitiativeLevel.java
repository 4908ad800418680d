package vn.tdkt.hub.domain.submission;

/** Level of a nominee's initiative [sáng kiến]. */
public enum InitiativeLevel {
    GRASSROOTS, PROVINCE
}
