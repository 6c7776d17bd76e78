package fr.ecole.lending.families;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.geography.Uai;
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
    /** An e-mail address as the service takes it: something@somewhere.tld, no spaces. */
    public static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Set<String> LEVELS = Set.of("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2",
            "6E", "5E", "4E", "3E", "2NDE", "1ERE", "TLE");
    private static final int MAX_PUPILS = 12;

    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public FamilyService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public Family create(User actor, NewFamily request) {
        Check.body(request);
        Guardian guardian = guardian(Check.present(request.guardian(), "guardian"), null);
        String commune = commune(request.communeInsee());
        List<Pupil> pupils = pupils(Check.present(request.pupils(), "pupils"));
        Instant now = clock.instant();
        long id = database.write(handle -> {
            requireSchools(handle, pupils);
            Scope.of(actor).requireFamilyWithinReach(schoolsOf(pupils), commune, Daos.on(handle, CommuneDao.class));
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            long familyId = families.insert(guardian, commune, fold(guardian.name()), phoneDigits(guardian), now);
            families.insertPupils(rows(familyId, pupils));
            audit.record(handle, actor, "CREATE", Audit.Entity.FAMILY, familyId, null);
            return familyId;
        });
        return read(actor, id);
    }

    /** The family, when the caller may see it; a social worker's reading is written in the audit log. */
    public Family get(User actor, long id) {
        Family family = read(actor, id);
        auditReading(actor, List.of(id), "record");
        return family;
    }

    /** The families of {@code ids} the caller may see, by id, read in one transaction (a list's guardians). */
    public Map<Long, Family> getAll(User actor, List<Long> ids) {
        List<Long> distinct = ids.stream().distinct().toList();
        Map<Long, Family> byId = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return byId;
        }
        database.read(handle -> {
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            List<FamilyDao.FamilyRow> rows = new ArrayList<>();
            for (long id : distinct) {
                try {
                    rows.add(find(handle, Scope.of(actor), id, "id"));
                } catch (ApiException outOfReach) {
                    // left out: a school's agreement may outlive its last pupil there (gone up to the collège)
                }
            }
            if (!rows.isEmpty()) {
                assemble(families, rows).forEach(family -> byId.put(family.id(), family));
            }
            return byId.size();
        });
        auditReading(actor, List.copyOf(byId.keySet()), "record");
        return byId;
    }

    private Family read(User actor, long id) {
        return database.read(handle -> {
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            return assemble(families, List.of(find(handle, Scope.of(actor), id, "id"))).get(0);
        });
    }

    /** A correction: the parts sent replace what was held; a phone or e-mail sent as "" is removed. */
    public Family correct(User actor, long id, NewFamily patch) {
        Check.body(patch);
        List<Pupil> newPupils = patch.pupils() == null ? null : pupils(patch.pupils());
        String newCommune = patch.communeInsee() == null ? null : commune(patch.communeInsee());
        database.write(handle -> {
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            Scope scope = Scope.of(actor);
            FamilyDao.FamilyRow row = findToChange(handle, scope, id, "id");
            Guardian before = new Guardian(row.guardianName(), row.guardianPhone(), row.guardianEmail(),
                    row.preferredContact());
            Guardian guardian = patch.guardian() == null ? before : guardian(patch.guardian(), before);
            String commune = newCommune == null ? row.communeInsee() : newCommune;
            families.update(id, guardian, commune, fold(guardian.name()), phoneDigits(guardian), clock.instant());
            if (newPupils != null) {
                requireSchools(handle, newPupils);
            }
            List<String> schools = newPupils != null ? schoolsOf(newPupils) : schoolsOf(families, id);
            scope.requireFamilyWithinReach(schools, commune, Daos.on(handle, CommuneDao.class));
            List<Pupil> pupilsBefore = newPupils == null ? null : families.pupilsOf(List.of(id)).stream()
                    .map(pupil -> new Pupil(pupil.firstName(), pupil.uai(), pupil.level())).toList();
            if (newPupils != null) {
                families.deletePupils(id);
                families.insertPupils(rows(id, newPupils));
            }
            List<String> changed = changed(patch);
            audit.recordSealed(handle, actor, "UPDATE", Audit.Entity.FAMILY, id, Map.of("changed", changed), Map.of(
                    "before", parts(changed, before, row.communeInsee(), pupilsBefore),
                    "after", parts(changed, guardian, commune, newPupils)));
            return id;
        });
        return read(actor, id);
    }

    /** The values of the parts a correction touched, as they were or as they became: sealed in the audit log. */
    private static Map<String, Object> parts(List<String> changed, Guardian guardian, String commune, List<Pupil> pupils) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String part : changed) {
            Object value = switch (part) {
                case "guardian.name" -> guardian.name();
                case "guardian.phone" -> guardian.phone();
                case "guardian.email" -> guardian.email();
                case "guardian.preferredContact" -> guardian.preferredContact();
                case "communeInsee" -> commune;
                case "pupils" -> pupils;
                default -> throw new IllegalArgumentException("no such part of a family: " + part);
            };
            values.put(part, value);
        }
        return values;
    }

    /** The parts a correction touched, by name; their values before and after are sealed apart. */
    private static List<String> changed(NewFamily patch) {
        List<String> parts = new ArrayList<>();
        if (patch.guardian() != null) {
            Guardian g = patch.guardian();
            for (String[] part : new String[][] {{"guardian.name", g.name()}, {"guardian.phone", g.phone()},
                    {"guardian.email", g.email()}}) {
                if (part[1] != null) {
                    parts.add(part[0]);
                }
            }
            if (g.preferredContact() != null) {
                parts.add("guardian.preferredContact");
            }
        }
        if (patch.communeInsee() != null) {
            parts.add("communeInsee");
        }
        if (patch.pupils() != null) {
            parts.add("pupils");
        }
        return parts;
    }

    /** The desk's search by name (any part, accents and case ignored) or phone (any run of digits). */
    public Page<Family> search(User actor, String query, PageRequest page) {
        String q = Check.optional(query, "q", 100);
        String namePattern = q == null ? null : "%" + likeEscape(fold(q)) + "%";
        String digits = q == null ? "" : phoneDigits(q);
        // a search by phone needs a few digits, or every number would match
        String phonePattern = digits.length() < 3 ? null : "%" + likeEscape(digits) + "%";
        Scope scope = Scope.of(actor);
        boolean bySchool = actor.role() == Role.DESK;
        // IN () is not SQL: a desk always has a school, and the list is unused when not filtering by school
        List<String> schools = bySchool ? List.copyOf(scope.establishments()) : List.of("");
        Territory territory = scope.socialWorkerTerritory();
        Page<Family> found = database.read(handle -> {
            FamilyDao families = Daos.on(handle, FamilyDao.class);
            List<FamilyDao.FamilyRow> rows = families.search(namePattern, phonePattern, bySchool, schools,
                    territory == null ? null : territory.kind(), territory == null ? null : territory.code(),
                    page.after(), page.fetch());
            Page<FamilyDao.FamilyRow> cut = Page.of(rows, page, FamilyDao.FamilyRow::id);
            return new Page<>(cut.items().isEmpty() ? List.of() : assemble(families, cut.items()), cut.nextCursor());
        });
        auditReading(actor, found.items().stream().map(Family::id).toList(), "search");
        return found;
    }

    /**
     * A social worker's reading of families' records is written in the audit log, one entry a family.
     * Called once the records were read within the caller's reach, never before: a family's export
     * shows this log, and a refused reading (404) showed nothing.
     */
    public void auditReading(User actor, List<Long> familyIds, String what) {
        if (actor.role() != Role.SOCIAL_WORKER || familyIds.isEmpty()) {
            return;
        }
        database.write(handle -> {
            for (long id : familyIds) {
                audit.record(handle, actor, "READ", Audit.Entity.FAMILY, id, Map.of("read", what));
            }
            return familyIds.size();
        });
    }

    /**
     * The family, or 404 naming {@code field} when it does not exist or lies outside the caller's
     * reach (its existence is not revealed); for use inside another transaction.
     */
    public static FamilyDao.FamilyRow find(Handle handle, Scope scope, long id, String field) {
        FamilyDao families = Daos.on(handle, FamilyDao.class);
        return families.find(id)
                .filter(row -> scope.coversFamily(schoolsOf(families, id), row.communeInsee(),
                        Daos.on(handle, CommuneDao.class)))
                .orElseThrow(() -> ApiException.notFound("unknown_family", field,
                        "Aucune famille n'a le numéro " + id + " : retrouvez-la par son nom ou son téléphone."));
    }

    /**
     * As {@link #find}, for a change: an anonymised family takes none (409), or a correction, a
     * diagnostic or a loan would tie a person to it again.
     */
    public static FamilyDao.FamilyRow findToChange(Handle handle, Scope scope, long id, String field) {
        FamilyDao.FamilyRow row = find(handle, scope, id, field);
        if (row.anonymisedAt() != null) {
            throw ApiException.conflict("family_anonymised", field, "La famille " + id + " a été anonymisée : "
                    + "si elle revient, enregistrez-la comme une nouvelle famille.");
        }
        return row;
    }

    /** The family of {@code row} with its pupils, as the API shows it; inside another transaction. */
    public static Family family(Handle handle, FamilyDao.FamilyRow row) {
        return assemble(Daos.on(handle, FamilyDao.class), List.of(row)).get(0);
    }

    /** The schools of the family's pupils. */
    public static List<String> schoolsOf(FamilyDao families, long id) {
        return families.schoolsOf(id);
    }

    private static List<String> schoolsOf(List<Pupil> pupils) {
        return pupils.stream().map(Pupil::uai).toList();
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
                    row.createdAt(), row.updatedAt(), row.anonymisedAt()));
        }
        return out;
    }

    private static void requireSchools(Handle handle, List<Pupil> pupils) {
        EstablishmentDao establishments = Daos.on(handle, EstablishmentDao.class);
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
