package vn.tdkt.hub.domain.submission;

import java.util.List;

import vn.tdkt.hub.domain.registry.Rating;

/** An individual nominated by a unit for one period (rulebook section 5). gender is "F" or "M". */
public record Nominee(String staffCode, String fullName, String gender, Rating rating,
                      boolean grassrootsEmulationSoldier, List<Initiative> initiatives) {

    public Nominee {
        initiatives = initiatives == null ? List.of() : List.copyOf(initiatives);
    }
}
