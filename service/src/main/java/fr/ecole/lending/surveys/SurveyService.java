package fr.ecole.lending.surveys;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.labels.Payloads;
import fr.ecole.lending.labels.Slip;
import fr.ecole.lending.labels.SlipPrinter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Survey campaigns of a school: created with their batch of anonymous codes, printed as slips, and
 * followed (codes handed out, answers, response rate); and the requests of families who asked, at
 * the end of the form, to be called back. A desk reaches its own schools' campaigns only; any other
 * is answered as if it did not exist.
 */
public class SurveyService {
    /** The most codes a campaign hands out: more than the pupils of the largest lycée. */
    static final int MOST_CODES = 5000;
    /** Codes are written by batches of this many. */
    private static final int BATCH = 500;

    private final Database database;
    private final SurveyQuestions questions;
    private final Audit audit;
    private final Clock clock;
    private final Payloads payloads;

    public SurveyService(Database database, SurveyQuestions questions, Audit audit, Clock clock, Payloads payloads) {
        this.database = database;
        this.questions = questions;
        this.audit = audit;
        this.clock = clock;
        this.payloads = payloads;
    }

    /** {@code POST /api/establishments/{uai}/surveys}'s body: how many codes; absent, the school's pupils. */
    public record NewSurvey(Integer codes) {
    }

    /** A campaign as the school follows it: codes handed out, answers, and the response rate (per cent of the pupils). */
    public record Survey(long id, String uai, int schoolYear, String criteriaVersion, int codes, long answers,
                         Long pupils, BigDecimal responseRate, Instant createdAt, String slips) {
    }

    public Survey create(User actor, Uai uai, NewSurvey request) {
        Integer asked = request == null ? null : request.codes();
        if (asked != null && (asked < 1 || asked > MOST_CODES)) {
            throw ApiException.invalid("out_of_range", "codes", "Une enquête remet de 1 à " + MOST_CODES + " codes.");
        }
        int schoolYear = SchoolCalendar.schoolYear(SchoolCalendar.today(clock));
        long id = database.write(handle -> {
            requireSchool(handle, actor, uai);
            SurveyDao surveys = Daos.on(handle, SurveyDao.class);
            int codes = asked != null ? asked : surveys.pupils(uai.value(), schoolYear)
                    .orElseThrow(() -> ApiException.invalid("missing_value", "codes", "L'effectif de l'établissement "
                            + "n'est pas connu : indiquez le nombre de codes (« codes »)."));
            if (codes < 1 || codes > MOST_CODES) {
                throw ApiException.invalid("out_of_range", "codes", "L'établissement compte " + codes + " élèves : "
                        + "indiquez un nombre de codes de 1 à " + MOST_CODES + " (« codes »).");
            }
            long surveyId = surveys.insert(uai.value(), schoolYear, questions.criteria().version(), codes, actor.id(),
                    clock.instant());
            int written = 0;
            while (written < codes) {
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < Math.min(BATCH, codes - written); i++) {
                    batch.add(SurveyCodes.draw());
                }
                // a code drawn twice (one in a hundred thousand campaigns of 5,000) is skipped and drawn again
                for (int count : surveys.insertCodes(surveyId, batch)) {
                    written += count;
                }
            }
            audit.record(handle, actor, "CREATE", Audit.Entity.SURVEY, surveyId, Map.of("uai", uai.value(),
                    "schoolYear", schoolYear, "codes", codes));
            return surveyId;
        });
        return get(actor, id);
    }

    public Survey get(User actor, long id) {
        return database.read(handle -> view(find(handle, actor, id)));
    }

    public Page<Survey> ofEstablishment(User actor, Uai uai, PageRequest page) {
        return database.read(handle -> {
            requireSchool(handle, actor, uai);
            return Page.of(Daos.on(handle, SurveyDao.class).ofEstablishment(uai.value(), page.after(), page.fetch())
                    .stream().map(this::view).toList(), page, Survey::id);
        });
    }

    /**
     * The school's pupils as a campaign created now counts them by default (its latest count up to the
     * current school year), or null when none is known.
     */
    public Long pupils(User actor, Uai uai) {
        int schoolYear = SchoolCalendar.schoolYear(SchoolCalendar.today(clock));
        return database.read(handle -> {
            requireSchool(handle, actor, uai);
            return Daos.on(handle, SurveyDao.class).pupils(uai.value(), schoolYear).map(Long::valueOf).orElse(null);
        });
    }

    /** The slips of every code of the campaign, ten to an A4 page. */
    public byte[] slips(User actor, long id) {
        return database.read(handle -> {
            SurveyDao.SurveyRow survey = find(handle, actor, id);
            Establishment school = Daos.on(handle, EstablishmentDao.class).find(survey.uai()).orElseThrow();
            String form = payloads.surveyForm();
            String heading = "Enquête sur l'équipement numérique des familles — " + school.name() + ", année "
                    + survey.schoolYear() + "-" + (survey.schoolYear() + 1) + ".";
            String text = "Répondez en 3 minutes sur téléphone ou ordinateur : "
                    + (form == null ? "tapez ce code dans le formulaire de l'enquête indiqué par l'école."
                    : "scannez le code ou allez sur " + form + " et tapez le code.")
                    + "\nRéponse anonyme : ce code n'est lié à aucun élève.";
            List<Slip> slips = new ArrayList<>();
            for (String code : Daos.on(handle, SurveyDao.class).codes(id)) {
                slips.add(new Slip(payloads.survey(SurveyCodes.shown(code)), SurveyCodes.shown(code), heading, text));
            }
            return SlipPrinter.pdf(slips);
        });
    }

    /** The campaign's codes as slips print them, for a school that prints or sends them its own way. */
    public List<String> codes(User actor, long id) {
        return database.read(handle -> {
            find(handle, actor, id);
            return Daos.on(handle, SurveyDao.class).codes(id).stream().map(SurveyCodes::shown).toList();
        });
    }

    /** A request to be called back, as the school's desk reads it. */
    public record ContactRequest(long id, long surveyId, String uai, String name, String phone, LocalDate createdOn,
                                 Instant handledAt) {
    }

    /** {@code PATCH /api/contact-requests/{id}}: the school called the family back. */
    public record ContactHandled(Boolean handled) {
    }

    public Page<ContactRequest> contactRequests(User actor, Uai uai, PageRequest page) {
        return database.read(handle -> {
            requireSchool(handle, actor, uai);
            return Page.of(Daos.on(handle, SurveyDao.class).contactsOf(uai.value(), page.after(), page.fetch())
                    .stream().map(SurveyService::contact).toList(), page, ContactRequest::id);
        });
    }

    public ContactRequest handled(User actor, long id, ContactHandled request) {
        if (request == null || !Boolean.TRUE.equals(request.handled())) {
            throw ApiException.invalid("invalid_value", "handled", "Seul « handled »: true est possible : une demande "
                    + "traitée le reste jusqu'à son effacement.");
        }
        return database.write(handle -> {
            SurveyDao surveys = Daos.on(handle, SurveyDao.class);
            findContact(surveys, actor, id);
            surveys.handle(id, clock.instant(), actor.id());
            audit.record(handle, actor, "HANDLE", Audit.Entity.CONTACT_REQUEST, id, null);
            return contact(surveys.contact(id).orElseThrow());
        });
    }

    public void delete(User actor, long id) {
        database.write(handle -> {
            SurveyDao surveys = Daos.on(handle, SurveyDao.class);
            findContact(surveys, actor, id);
            surveys.deleteContact(id);
            audit.record(handle, actor, "DELETE", Audit.Entity.CONTACT_REQUEST, id, null);
            return null;
        });
    }

    private static SurveyDao.ContactRow findContact(SurveyDao surveys, User actor, long id) {
        return surveys.contact(id).filter(row -> Scope.of(actor).coversEstablishment(row.uai()))
                .orElseThrow(() -> ApiException.notFound("unknown_contact_request", "id", "Aucune demande de rappel "
                        + "n'a le numéro " + id + " (ou elle a déjà été effacée)."));
    }

    private static ContactRequest contact(SurveyDao.ContactRow row) {
        return new ContactRequest(row.id(), row.surveyId(), row.uai(), row.name(), row.phone(), row.createdOn(),
                row.handledAt());
    }

    /** The campaign, when the caller may reach it; 404 otherwise, as if it did not exist. */
    static SurveyDao.SurveyRow find(Handle handle, User actor, long id) {
        return Daos.on(handle, SurveyDao.class).find(id)
                .filter(row -> Scope.of(actor).coversEstablishment(row.uai()))
                .orElseThrow(() -> ApiException.notFound("unknown_survey", "id", "Aucune enquête n'a le numéro " + id + "."));
    }

    /**
     * The establishment, known and within the caller's reach: a desk of another school is answered 404,
     * as for a campaign of that school, so that its surveys are not revealed.
     */
    private static void requireSchool(Handle handle, User actor, Uai uai) {
        Establishment school = EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
        if (!Scope.of(actor).coversEstablishment(school.uai())) {
            throw ApiException.notFound("unknown_establishment", "uai", "Aucun établissement de code UAI « "
                    + uai.value() + " » ne fait partie des vôtres.");
        }
    }

    private Survey view(SurveyDao.SurveyRow row) {
        BigDecimal rate = row.pupils() == null || row.pupils() == 0 ? null : BigDecimal.valueOf(row.answers() * 100)
                .divide(BigDecimal.valueOf(row.pupils()), 2, RoundingMode.HALF_UP);
        return new Survey(row.id(), row.uai(), row.schoolYear(), row.criteriaVersion(), row.codes(), row.answers(),
                row.pupils(), rate, row.createdAt(), "/api/surveys/" + row.id() + "/codes.pdf");
    }
}
