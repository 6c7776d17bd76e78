package fr.ecole.lending.families;

import java.time.Instant;
import java.util.List;

public record Family(long id, Guardian guardian, String communeInsee, List<Pupil> pupils,
                     Instant createdAt, Instant updatedAt) {
}
