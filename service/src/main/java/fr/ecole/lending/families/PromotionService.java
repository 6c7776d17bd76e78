package fr.ecole.lending.families;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The move up at the end of the school year: every pupil of a school goes up a class; those who
 * leave it (CM2 for the collège, 3E for the lycée) go to the school named for their level.
 */
public class PromotionService {
    /** The classes in order, as schools write them. */
    static final List<String> LEVELS = List.of("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2",
            "6E", "5E", "4E", "3E", "2NDE", "1ERE", "TLE");
    /** The last class of each kind of school: after it, the pupil changes school. */
    static final List<String> LEAVING = List.of("CM2", "3E", "TLE");

    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public PromotionService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code nextSchools}: for a leaving class (CM2, 3E), the school its pupils go to. */
    public record Promotion(Map<String, String> nextSchools) {
    }

    public record NotMoved(long familyId, String firstName, String level, String reason) {
    }

    /**
     * {@code handoversToOffer}: the school's active agreements whose family has no pupil left there, listed
     * at {@code handoverOffers} to hand each to the pupil's new school (or to take the devices back).
     */
    public record Result(int promoted, int changedSchool, List<NotMoved> notMoved, int handoversToOffer,
                         String handoverOffers) {
    }

    public Result promote(User actor, Uai uai, Promotion request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        Map<String, Uai> next = new LinkedHashMap<>();
        if (request != null && request.nextSchools() != null) {
            request.nextSchools().forEach((level, school) -> next.put(level,
                    Uai.parse(Check.required(school, "nextSchools." + level, 8), "nextSchools." + level)));
        }
        return database.write(handle -> {
            EstablishmentDao establishments = Daos.on(handle, EstablishmentDao.class);
            EstablishmentService.require(establishments, uai, "uai");
            next.forEach((level, school) -> EstablishmentService.require(establishments, school, "nextSchools." + level));
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            // the school year a promotion closes: from September to August
            LocalDate today = SchoolCalendar.today(clock);
            int schoolYear = SchoolCalendar.schoolYear(today);
            if (families.promoted(uai.value(), schoolYear)) {
                throw ApiException.conflict("already_promoted", "uai", "Les élèves de "
                        + uai + " ont déjà changé de classe pour l'année " + schoolYear + "-" + (schoolYear + 1)
                        + " : une seconde fois les ferait monter de deux classes.");
            }
            families.recordPromotion(uai.value(), schoolYear, actor.id(), clock.instant());
            int promoted = 0;
            int changedSchool = 0;
            List<NotMoved> notMoved = new ArrayList<>();
            for (FamilyDao.PupilRow pupil : families.pupilsAt(uai.value())) {
                int index = LEVELS.indexOf(pupil.level());
                if (index < 0) {
                    notMoved.add(new NotMoved(pupil.familyId(), pupil.firstName(), pupil.level(),
                            "Classe écrite librement : corrigez la fiche de la famille."));
                } else if (LEAVING.contains(pupil.level())) {
                    Uai school = next.get(pupil.level());
                    if (school == null || index + 1 >= LEVELS.size()) {
                        notMoved.add(new NotMoved(pupil.familyId(), pupil.firstName(), pupil.level(), index + 1 >= LEVELS.size()
                                ? "Dernière classe du lycée : l'élève quitte l'enseignement scolaire."
                                : "Quitte l'établissement : indiquez son nouvel établissement (nextSchools."
                                        + pupil.level() + ")."));
                    } else {
                        families.movePupil(pupil.familyId(), pupil.position(), LEVELS.get(index + 1), school.value());
                        changedSchool++;
                    }
                } else {
                    families.movePupil(pupil.familyId(), pupil.position(), LEVELS.get(index + 1), pupil.uai());
                    promoted++;
                }
            }
            audit.record(handle, actor, "PROMOTE", Audit.Entity.ESTABLISHMENT, uai.value(), Map.of(
                    "promoted", promoted, "changedSchool", changedSchool, "notMoved", notMoved.size()));
            return new Result(promoted, changedSchool, notMoved, families.agreementsLeftBehind(uai.value()),
                    "/api/establishments/" + uai.value() + "/handover-offers");
        });
    }
}
