package vn.tdkt.hub.domain.results;

import vn.tdkt.hub.domain.scoring.Members;

/** A unit's current members and the submission they come from. */
public record CurrentMembers(Members members, Version version) {
}
