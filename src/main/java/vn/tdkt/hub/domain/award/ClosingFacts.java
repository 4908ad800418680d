package vn.tdkt.hub.domain.award;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.submission.Nominee;

/**
 * Everything the award decision of a closing needs (rulebook sections 4 and 5), gathered beforehand so that
 * {@link AwardDecider} has no database behind it.
 *
 * @param period          the period being closed; must be a period of the registry
 * @param registry        units' and blocks' names, blocks' leading units, {@code rules.govFlagShare}
 * @param standings       the frozen standings of the period's blocks, by block code
 * @param blockRanks      block code to block rank; blocks without a complete unit are absent
 * @param previousRatings unit code to the unit's rating in the period before, whatever block it was in; a unit
 *                        without a rating then (incomplete, absent, no such period) is absent
 * @param nominees        period to the nominees' final records of that period, by person; needed for this period
 *                        and the two before, a missing period or person meaning nothing for it
 * @param holds           the holds in force at closing time
 */
public record ClosingFacts(String period, Registry registry, Map<String, BlockStandings> standings,
                           Map<String, Integer> blockRanks, Map<String, Rating> previousRatings,
                           Map<String, Map<PersonKey, Nominee>> nominees, List<Hold> holds) {

    public ClosingFacts {
        PeriodDef def = registry.period(period)
                .orElseThrow(() -> new IllegalArgumentException("Period " + period + " is not in the registry"));
        standings = Map.copyOf(standings);
        blockRanks = Map.copyOf(blockRanks);
        previousRatings = Map.copyOf(previousRatings);
        nominees = nominees.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        holds = List.copyOf(holds);
        for (String block : standings.keySet()) {
            if (def.block(block).isEmpty()) {
                throw new IllegalArgumentException("Standings of block " + block + " not in period " + period);
            }
        }
        for (String block : blockRanks.keySet()) {
            if (!standings.containsKey(block)) {
                throw new IllegalArgumentException("Block " + block + " is ranked but has no standings");
            }
        }
    }

    /** The period being closed, as defined in the registry. */
    public PeriodDef periodDef() {
        return registry.period(period).orElseThrow();
    }

    /**
     * The period {@code yearsBack} calendar years before this one, if it is a period of the registry
     * ({@code 0} is this period).
     */
    public Optional<String> periodBefore(int yearsBack) {
        String earlier = String.valueOf(Integer.parseInt(period) - yearsBack);
        return registry.period(earlier).map(PeriodDef::period);
    }

    /** The person's final nominee record of a period, if the person was nominated then. */
    public Optional<Nominee> nominee(String inPeriod, PersonKey person) {
        return Optional.ofNullable(nominees.getOrDefault(inPeriod, Map.of()).get(person));
    }
}
