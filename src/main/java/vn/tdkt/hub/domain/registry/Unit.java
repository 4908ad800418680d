package vn.tdkt.hub.domain.registry;

/** A unit [đơn vị] of the province: a department, a district-level locality or an agency. */
public record Unit(String code, String name, String email) {
}
