package vn.tdkt.hub.store;

import vn.tdkt.hub.domain.scoring.Members;

/** A unit's current members and the submission they come from. */
public record StoredMembers(Members members, Version version) {
}
