package fr.ecole.lending.surveys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.diagnostics.Answers;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.PhoneNumbers;
import fr.ecole.lending.imports.CsvTable;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The answers of a survey: one from the public form, where the code is the only credential, or many
 * from a spreadsheet of answers collected on paper or by another tool. An answer spends its code and
 * is stored in the same transaction, with the flags the report counts and the answers to the survey's
 * questions only: no code, no time, nothing that leads back to the family, nor to its request to be
 * called back, which the same transaction stores apart.
 */
public class SurveyAnswers {
    /** A contact's name: a person's name, not a letter. */
    static final int NAME_LENGTH = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final SurveyQuestions questions;
    private final AnswerThrottle throttle;
    private final Audit audit;
    private final Clock clock;

    public SurveyAnswers(Database database, SurveyQuestions questions, AnswerLimits limits, Audit audit, Clock clock) {
        this.database = database;
        this.questions = questions;
        this.throttle = new AnswerThrottle(limits, clock);
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code POST /api/surveys/answers}: a code, the answers, and a request to be called back if the family asks. */
    public record NewAnswer(String code, JsonNode answers, Contact contact) {
    }

    /** The name and phone a family typed to be called back by the school. */
    public record Contact(String name, String phone) {
    }

    /** What the family is told once its answer is stored: nothing that names it. */
    public record Received(String message, boolean contactRequested) {
    }

    public SurveyQuestions.Questionnaire questionnaire() {
        return questions.questionnaire();
    }

    /** The columns of a file of answers: {@code code}, then one per question, in the form's order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("code"));
        columns.addAll(questions.ids());
        return columns;
    }

    /** One answer from the public form, from {@code address}; 404 for an unknown code, 409 for a spent one. */
    public Received answer(String address, NewAnswer request) {
        Check.body(request);
        String typed = Check.required(request.code(), "code", 40);
        // counted as the code it stands for, however it was typed
        throttle.attempt(address, SurveyCodes.normalized(typed));
        String checked;
        try {
            checked = SurveyCodes.read(typed, "code");
        } catch (ApiException notACode) {
            throttle.unknown();
            throw notACode;
        }
        int schoolYear = SchoolCalendar.schoolYear(SchoolCalendar.today(clock));
        // the code first: a family whose slip is spent or mistyped is told so before anything about its answers
        database.read(handle -> {
            SurveyDao.CodeRow row = Daos.on(handle, SurveyDao.class).code(checked).orElseThrow(() -> {
                throttle.unknown();
                return SurveyCodes.unknown("code");
            });
            return usable(row, schoolYear);
        });
        Answers answers = questions.check(request.answers());
        String name = null;
        String phone = null;
        if (request.contact() != null) {
            name = Check.required(request.contact().name(), "contact.name", NAME_LENGTH);
            phone = PhoneNumbers.normalize(Check.required(request.contact().phone(), "contact.phone", 30), "contact.phone");
        }
        String contactName = name;
        String contactPhone = phone;
        database.write(handle -> {
            SurveyDao surveys = Daos.on(handle, SurveyDao.class);
            SurveyDao.CodeRow row = usable(surveys.code(checked).orElseThrow(() -> SurveyCodes.unknown("code")),
                    schoolYear);
            if (surveys.spend(checked) != 1) {
                throw SurveyCodes.spent("code");
            }
            store(handle, row.surveyId(), coverage(surveys, row.uai()), answers);
            if (contactName != null) {
                // the day only, and no reference to the answer: a request and an answer stored together
                // share nothing that joins them
                surveys.insertContact(row.surveyId(), contactName, contactPhone, SchoolCalendar.today(clock));
            }
            return null;
        });
        return new Received("Merci : votre réponse est enregistrée, sans votre nom."
                + (contactName == null ? "" : " L'école vous rappellera au numéro donné."), contactName != null);
    }

    /** The code's row when it may take an answer: unspent, of a campaign of the school year in progress. */
    private static SurveyDao.CodeRow usable(SurveyDao.CodeRow row, int schoolYear) {
        if (row.spent()) {
            throw SurveyCodes.spent("code");
        }
        if (row.schoolYear() < schoolYear) {
            throw SurveyCodes.closed("code");
        }
        return row;
    }

    /** What an import of answers stored. */
    public record Imported(long surveyId, int answers) {
    }

    /**
     * Answers collected elsewhere, one line each ({@code code} and one column per question, {@code ;}
     * separated as the other imports): all stored, or none when a line is refused; the
     * refusal lists each refused cell by line and column.
     */
    public Imported importCsv(User actor, long surveyId, InputStream csv) {
        SurveyDao.SurveyRow survey = database.read(handle -> SurveyService.find(handle, actor, surveyId));
        if (survey.schoolYear() < SchoolCalendar.schoolYear(SchoolCalendar.today(clock))) {
            throw SurveyCodes.closed(null);
        }
        Map<Long, String> codes = new LinkedHashMap<>();
        Map<Long, Answers> answers = new LinkedHashMap<>();
        List<ImportRefused.Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> required = new ArrayList<>(List.of("code"));
        questions.ids().stream().filter(id -> questions.criteria().criterion(id).required()).forEach(required::add);
        CsvTable.read(csv, required, (row, width) -> {
            if (codes.isEmpty() && problems.isEmpty()) {
                for (String column : row.columns().keySet()) {
                    if (!column.equals("code") && !questions.ids().contains(column)) {
                        throw ApiException.invalid("unknown_column", column, "La colonne « " + column + " » n'est pas "
                                + "une question de l'enquête : retirez-la (colonnes : code, "
                                + String.join(", ", questions.ids()) + ").");
                    }
                }
            }
            line(row, seen, codes, answers, problems);
        });
        if (codes.isEmpty() && problems.isEmpty()) {
            throw ApiException.invalid("no_answers", null, "Le fichier ne contient aucune réponse.");
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        int stored = database.write(handle -> {
            SurveyDao surveys = Daos.on(handle, SurveyDao.class);
            Map<String, SurveyDao.CodeRow> known = new LinkedHashMap<>();
            List<String> all = List.copyOf(codes.values());
            for (int from = 0; from < all.size(); from += 500) {
                surveys.codes(all.subList(from, Math.min(all.size(), from + 500)))
                        .forEach(row -> known.put(row.code(), row));
            }
            List<ImportRefused.Problem> refused = new ArrayList<>();
            codes.forEach((line, code) -> {
                SurveyDao.CodeRow row = known.get(code);
                // a code of another campaign is answered as unknown: its campaign is not revealed
                if (row == null || row.surveyId() != surveyId) {
                    refused.add(new ImportRefused.Problem(line, "code", "unknown_code", "code inconnu pour cette enquête"));
                } else if (row.spent() || surveys.spend(code) != 1) {
                    refused.add(new ImportRefused.Problem(line, "code", "code_spent", "code déjà utilisé"));
                }
            });
            if (!refused.isEmpty()) {
                throw new ImportRefused(refused);
            }
            String coverage = coverage(surveys, survey.uai());
            answers.values().forEach(answer -> store(handle, surveyId, coverage, answer));
            audit.record(handle, actor, "IMPORT_ANSWERS", Audit.Entity.SURVEY, surveyId, Map.of("answers", answers.size()));
            return answers.size();
        });
        return new Imported(surveyId, stored);
    }

    /** Reads one line into {@code codes} and {@code answers}, or its problems into {@code problems}. */
    private void line(CsvTable.Row row, Set<String> seen, Map<Long, String> codes, Map<Long, Answers> answers,
                      List<ImportRefused.Problem> problems) {
        long line = row.line();
        int before = problems.size();
        String code = null;
        try {
            code = SurveyCodes.read(row.get("code"), "code");
            if (!seen.add(code)) {
                problems.add(new ImportRefused.Problem(line, "code", "code_repeated", "code déjà donné plus haut dans le fichier"));
            }
        } catch (ApiException e) {
            problems.add(new ImportRefused.Problem(line, "code", e.code(), "code non reconnu"));
        }
        ObjectNode sent = JsonNodeFactory.instance.objectNode();
        for (String id : questions.ids()) {
            if (!row.columns().containsKey(id)) {
                continue;
            }
            try {
                JsonNode value = questions.cell(id, row.get(id));
                if (value != null) {
                    sent.set(id, value);
                }
            } catch (ApiException e) {
                problems.add(new ImportRefused.Problem(line, id, e.code(), e.getMessage()));
            }
        }
        if (problems.size() > before) {
            return;
        }
        try {
            answers.put(line, questions.check(sent));
            codes.put(line, code);
        } catch (ApiException e) {
            String column = e.field() == null ? null : e.field().replaceFirst("^answers\\.", "");
            problems.add(new ImportRefused.Problem(line, column, e.code(), e.getMessage()));
        }
    }

    /** The reference 4G level of the commune of the campaign's establishment {@code uai}, or null. */
    private static String coverage(SurveyDao surveys, String uai) {
        return surveys.coverageOf(uai).orElse(null);
    }

    /** Stores one answer of campaign {@code surveyId}: its flags and its answers, under a random key. */
    private void store(Handle handle, long surveyId, String coverage, Answers answers) {
        SurveyFlags flags = SurveyFlags.of(questions.criteria().needs(), answers, coverage);
        Daos.on(handle, SurveyDao.class).insertAnswer(new SurveyDao.NewAnswer(RANDOM.nextLong() & Long.MAX_VALUE, surveyId, flags.noDevice(),
                flags.smartphoneOnly(), flags.sharedDevice(), flags.noConnection(), flags.mobileCapped(),
                flags.whiteZone(), answers.toJson(questions.criteria(), false).toString()));
    }
}
