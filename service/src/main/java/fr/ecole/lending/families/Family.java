package fr.ecole.lending.families;

import java.time.Instant;
import java.util.List;

/** A family as the API shows it; {@code anonymisedAt} is set once it was anonymised (then it names no one). */
public record Family(long id, Guardian guardian, String communeInsee, List<Pupil> pupils,
                     Instant createdAt, Instant updatedAt, Instant anonymisedAt) {
}
