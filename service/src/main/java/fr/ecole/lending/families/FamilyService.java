package fr.ecole.lending.families;

import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.CommuneCode;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PhoneNumbers;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** Families that borrow: who they are, how to reach them, which schools their pupils attend. */
public class FamilyService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Set<String> LEVELS = Set.of("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2",
            "6E", "5E", "4E", "3E", "2NDE", "1ERE", "TLE");
    private static final int MAX_PUPILS = 12;

    private final Database database;
    private final Clock clock;

    public FamilyService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Family create(NewFamily request) {
        Check.body(request);
        Guardian guardian = guardian(Check.present(request.guardian(), "guardian"), null);
        String commune = commune(request.communeInsee());
        List<Pupil> pupils = pupils(Check.present(request.pupils(), "pupils"));
        Instant now = clock.instant();
        long id = database.write(handle -> {
            requireSchools(handle, pupils);
            FamilyDao families = handle.attach(FamilyDao.class);
            long familyId = families.insert(guardian, commune, fold(guardian.name()), phoneDigits(guardian), now);
            families.insertPupils(rows(familyId, pupils));
            return familyId;
        });
        return get(id);
    }

    public Family get(long id) {
        return database.read(handle -> {
            FamilyDao families = handle.attach(FamilyDao.class);
            return assemble(families, List.of(find(families, id, "id"))).get(0);
        });
    }

    /** A correction: the parts sent replace what was held; a phone or e-mail sent as "" is removed. */
    public Family correct(long id, NewFamily patch) {
        Check.body(patch);
        List<Pupil> newPupils = patch.pupils() == null ? null : pupils(patch.pupils());
        String newCommune = patch.communeInsee() == null ? null : commune(patch.communeInsee());
        database.write(handle -> {
            FamilyDao families = handle.attach(FamilyDao.class);
            FamilyDao.FamilyRow row = find(families, id, "id");
            Guardian before = new Guardian(row.guardianName(), row.guardianPhone(), row.guardianEmail(),
                    row.preferredContact());
            Guardian guardian = patch.guardian() == null ? before : guardian(patch.guardian(), before);
            String commune = newCommune == null ? row.communeInsee() : newCommune;
            families.update(id, guardian, commune, fold(guardian.name()), phoneDigits(guardian), clock.instant());
            if (newPupils != null) {
                requireSchools(handle, newPupils);
                families.deletePupils(id);
                families.insertPupils(rows(id, newPupils));
            }
            return id;
        });
        return get(id);
    }

    /** The desk's search by name (any part, accents and case ignored) or phone (any run of digits). */
    public Page<Family> search(String query, PageRequest page) {
        String q = Check.optional(query, "q", 100);
        String namePattern = q == null ? null : "%" + likeEscape(fold(q)) + "%";
        String digits = q == null ? "" : phoneDigits(q);
        // a search by phone needs a few digits, or every number would match
        String phonePattern = digits.length() < 3 ? null : "%" + likeEscape(digits) + "%";
        return database.read(handle -> {
            FamilyDao families = handle.attach(FamilyDao.class);
            List<FamilyDao.FamilyRow> rows = families.search(namePattern, phonePattern, page.after(), page.fetch());
            Page<FamilyDao.FamilyRow> cut = Page.of(rows, page, FamilyDao.FamilyRow::id);
            return new Page<>(cut.items().isEmpty() ? List.of() : assemble(families, cut.items()), cut.nextCursor());
        });
    }

    /** The family, or 404 naming {@code field}; for use inside another transaction. */
    public static FamilyDao.FamilyRow find(FamilyDao families, long id, String field) {
        return families.find(id).orElseThrow(() -> ApiException.notFound("unknown_family", field,
                "Aucune famille n'a le numéro " + id + " : retrouvez-la par son nom ou son téléphone."));
    }

    private static List<Family> assemble(FamilyDao families, List<FamilyDao.FamilyRow> rows) {
        Map<Long, List<Pupil>> pupils = new LinkedHashMap<>();
        for (FamilyDao.FamilyRow row : rows) {
            pupils.put(row.id(), new ArrayList<>());
        }
        for (FamilyDao.PupilRow pupil : families.pupilsOf(pupils.keySet())) {
            pupils.get(pupil.familyId()).add(new Pupil(pupil.firstName(), pupil.uai(), pupil.level()));
        }
        List<Family> out = new ArrayList<>(rows.size());
        for (FamilyDao.FamilyRow row : rows) {
            out.add(new Family(row.id(), new Guardian(row.guardianName(), row.guardianPhone(), row.guardianEmail(),
                    row.preferredContact()), row.communeInsee(), List.copyOf(pupils.get(row.id())),
                    row.createdAt(), row.updatedAt()));
        }
        return out;
    }

    private static void requireSchools(Handle handle, List<Pupil> pupils) {
        EstablishmentDao establishments = handle.attach(EstablishmentDao.class);
        for (int i = 0; i < pupils.size(); i++) {
            EstablishmentService.require(establishments, new Uai(pupils.get(i).uai()), "pupils[" + i + "].uai");
        }
    }

    private static List<FamilyDao.PupilRow> rows(long familyId, List<Pupil> pupils) {
        List<FamilyDao.PupilRow> rows = new ArrayList<>();
        for (int i = 0; i < pupils.size(); i++) {
            Pupil pupil = pupils.get(i);
            rows.add(new FamilyDao.PupilRow(familyId, i, pupil.firstName(), pupil.uai(), pupil.level()));
        }
        return rows;
    }

    /** Checks a guardian; with {@code before}, absent parts keep their value and "" removes a contact. */
    private static Guardian guardian(Guardian sent, Guardian before) {
        String name = sent.name() == null && before != null ? before.name()
                : Check.required(sent.name(), "guardian.name", 120);
        String phone = sent.phone() == null && before != null ? before.phone()
                : Check.optional(sent.phone(), "guardian.phone", 30);
        if (phone != null && (before == null || !phone.equals(before.phone()))) {
            phone = PhoneNumbers.normalize(phone, "guardian.phone");
        }
        String email = sent.email() == null && before != null ? before.email()
                : Check.optional(sent.email(), "guardian.email", 200);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("invalid_email", "guardian.email",
                    "L'adresse e-mail « " + email + " » n'est pas valide.");
        }
        PreferredContact contact = sent.preferredContact() == null && before != null ? before.preferredContact()
                : Check.present(sent.preferredContact(), "guardian.preferredContact");
        if ((contact == PreferredContact.SMS || contact == PreferredContact.PHONE) && phone == null) {
            throw ApiException.invalid("contact_unreachable", "guardian.preferredContact",
                    "Le contact préféré est le téléphone : indiquez aussi un numéro (guardian.phone).");
        }
        if (contact == PreferredContact.EMAIL && email == null) {
            throw ApiException.invalid("contact_unreachable", "guardian.preferredContact",
                    "Le contact préféré est l'e-mail : indiquez aussi une adresse (guardian.email).");
        }
        return new Guardian(name, phone, email, contact);
    }

    private static String commune(String text) {
        try {
            return CommuneCode.parse(Check.required(text, "communeInsee", 5)).value();
        } catch (ApiException e) {
            throw e.at("communeInsee");
        }
    }

    private static List<Pupil> pupils(List<Pupil> sent) {
        if (sent.isEmpty() || sent.size() > MAX_PUPILS) {
            throw ApiException.invalid("invalid_value", "pupils",
                    "Indiquez de 1 à " + MAX_PUPILS + " élèves : c'est par leur école que la famille emprunte.");
        }
        List<Pupil> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            String at = "pupils[" + i + "]";
            Pupil pupil = Check.present(sent.get(i), at);
            String firstName = Check.required(pupil.firstName(), at + ".firstName", 60);
            Uai uai = Uai.parse(Check.required(pupil.uai(), at + ".uai", 8), at + ".uai");
            String level = Check.required(pupil.level(), at + ".level", 20);
            String upper = level.toUpperCase(Locale.ROOT);
            out.add(new Pupil(firstName, uai.value(), LEVELS.contains(upper) ? upper : level));
        }
        return out;
    }

    /** The digits of a number as stored ("+33 6..." is searched as "06..."), or of the query as typed. */
    private static String phoneDigits(String query) {
        try {
            return PhoneNumbers.digits(PhoneNumbers.normalize(query, "q"));
        } catch (ApiException notAWholeNumber) {
            return PhoneNumbers.digits(query);
        }
    }

    private static String phoneDigits(Guardian guardian) {
        return guardian.phone() == null ? null : PhoneNumbers.digits(guardian.phone());
    }

    /** Lower case, no accents, single spaces: "Élodie  MARTIN" and "elodie martin" are one search. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return DIACRITICS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ").strip();
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
