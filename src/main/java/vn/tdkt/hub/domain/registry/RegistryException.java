package vn.tdkt.hub.domain.registry;

import java.util.List;

/**
 * A registry file that was refused as a whole (contracts.md, "Registry"), with every problem found.
 * Each problem is an English sentence that starts with the place it concerns, e.g.
 * {@code periods[2023].blocks[KT-TH]: maxPoints of non-bonus/penalty criteria add up to 95, not 100}.
 */
public class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public RegistryException(List<String> problems) {
        super("registry refused, " + problems.size() + " problem(s): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<String> problems() {
        return problems;
    }
}
