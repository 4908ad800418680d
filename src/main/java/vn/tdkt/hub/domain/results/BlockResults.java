package vn.tdkt.hub.domain.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.tdkt.hub.domain.submission.Nominee;
import vn.tdkt.hub.domain.submission.ResultEntry;
import vn.tdkt.hub.domain.submission.Submission;

/**
 * The replacement rule of rulebook section 2 for one block of one period: its units' current results (per
 * criterion), member counts and nominees (per person), each with the {@link Version} of the submission that put it
 * there. A later submission replaces per criterion, per person, and the members as a whole; "later" is
 * {@link Version#isLaterThan}, so arrival order does not matter.
 *
 * <p>The maps are the caller's (mutable; the intake keeps them in its block cache between batches) and are changed
 * in place by {@link #apply}.
 */
public final class BlockResults {

    private final Map<String, Map<String, CurrentResult>> results;
    private final Map<String, CurrentMembers> members;

    /**
     * @param results unit -> criterion -> current result
     * @param members unit -> current member counts
     */
    public BlockResults(Map<String, Map<String, CurrentResult>> results, Map<String, CurrentMembers> members) {
        this.results = results;
        this.members = members;
    }

    /** A unit's new member counts; {@code existed}: the unit had counts before this {@link #apply}. */
    public record MembersChange(String unitCode, CurrentMembers members, boolean existed) {
    }

    /** A person's new nomination; {@code existed}: the person was nominated before (an update). */
    public record NomineeChange(String unitCode, Nominee nominee, Version version, boolean existed) {
    }

    /**
     * What an {@link #apply} changed: the units whose results changed (in code order), the new member counts (in
     * the order first changed), the new nominations (in submission order), and whether the block must be scored
     * again (a result or a member count changed; nominees do not enter the score).
     */
    public record Changes(Set<String> resultUnits, List<MembersChange> members, List<NomineeChange> nominees) {

        public boolean rescore() {
            return !resultUnits.isEmpty() || !members.isEmpty();
        }
    }

    /**
     * Applies accepted submissions of this block, {@code versions.get(i)} being the version of
     * {@code submissions.get(i)}; {@code nominees} (unit -> staff code -> version of the current nomination) is
     * read and updated too.
     */
    public Changes apply(List<Submission> submissions, List<Version> versions,
                         Map<String, Map<String, Version>> nominees) {
        Set<String> resultUnits = new TreeSet<>();
        Map<String, MembersChange> memberChanges = new LinkedHashMap<>();
        List<NomineeChange> nomineeChanges = new ArrayList<>();
        for (int i = 0; i < submissions.size(); i++) {
            Submission s = submissions.get(i);
            Version v = versions.get(i);
            Map<String, CurrentResult> unitResults = results.computeIfAbsent(s.unitCode(), u -> new HashMap<>());
            for (ResultEntry e : s.results()) {
                CurrentResult old = unitResults.get(e.criterion());
                if (old == null || v.isLaterThan(old.version())) {
                    unitResults.put(e.criterion(), new CurrentResult(e.target(), e.actual(), v));
                    resultUnits.add(s.unitCode());
                }
            }
            if (s.members() != null) {
                CurrentMembers old = members.get(s.unitCode());
                if (old == null || v.isLaterThan(old.version())) {
                    CurrentMembers now = new CurrentMembers(s.members(), v);
                    MembersChange previous = memberChanges.get(s.unitCode());
                    boolean existed = previous != null ? previous.existed() : old != null;
                    memberChanges.put(s.unitCode(), new MembersChange(s.unitCode(), now, existed));
                    members.put(s.unitCode(), now);
                }
            }
            Map<String, Version> unitNominees = nominees.computeIfAbsent(s.unitCode(), u -> new HashMap<>());
            for (Nominee n : s.nominees()) {
                Version old = unitNominees.get(n.staffCode());
                if (old == null || v.isLaterThan(old)) {
                    nomineeChanges.add(new NomineeChange(s.unitCode(), n, v, old != null));
                    unitNominees.put(n.staffCode(), v);
                }
            }
        }
        return new Changes(resultUnits, List.copyOf(memberChanges.values()), nomineeChanges);
    }
}
