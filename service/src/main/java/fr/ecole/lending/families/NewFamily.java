package fr.ecole.lending.families;

import java.util.List;

/** {@code POST /api/families}; also the shape of a correction, where absent parts stay as they are. */
public record NewFamily(Guardian guardian, String communeInsee, List<Pupil> pupils) {
}
