package vn.tdkt.hub.domain.award;

/** A person's identity across periods (rulebook section 5): the same staff code in two units is two people. */
public record PersonKey(String unitCode, String staffCode) {
}
