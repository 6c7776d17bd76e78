package fr.ecole.lending.pages;

import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.surveys.ImportRefused;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyService;
import java.io.InputStream;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The survey page's work: a school's campaigns, a campaign created, answers collected on paper
 * imported, the families' requests to be called back handled or erased, each through the services the
 * API's resources call (the same roles and scopes), their refusals turned into sentences.
 */
final class SurveyDesk {
    /** The most problems of a refused file the page lists; the count says how many there are in all. */
    static final int PROBLEMS_LISTED = 50;

    private final Desk desk;
    private final SurveyService surveys;
    private final SurveyAnswers answers;
    private final EstablishmentService establishments;
    private final Period keptAfterHandled;

    SurveyDesk(Desk desk, SurveyService surveys, SurveyAnswers answers, EstablishmentService establishments,
               Period keptAfterHandled) {
        this.desk = desk;
        this.surveys = surveys;
        this.answers = answers;
        this.establishments = establishments;
        this.keptAfterHandled = keptAfterHandled;
    }

    /** The school a form or an address names, when the user works for it; a 403 page otherwise (see {@link Pool#school}). */
    String school(BrowserSession.SignedIn signedIn, String asked) {
        return Pool.school(desk, signedIn, asked);
    }

    /** The page of {@code school} (null: an administrator who has not typed one yet). */
    SurveyDeskView view(BrowserSession.SignedIn signedIn, String school) {
        User user = signedIn.user();
        if (school == null) {
            return new SurveyDeskView(signedIn, null, null, List.of(), null, List.of(), answers.columns(),
                    inWords(keptAfterHandled));
        }
        Uai uai = Uai.parse(school, "ecole");
        List<SurveyDeskView.Campaign> campaigns = surveys.ofEstablishment(user, uai, new PageRequest(PageRequest.MAX_LIMIT, 0))
                .items().stream().map(SurveyDesk::campaign).toList();
        List<SurveyDeskView.Callback> callbacks = surveys.contactRequests(user, uai, new PageRequest(PageRequest.MAX_LIMIT, 0))
                .items().stream().map(SurveyDesk::callback).toList();
        return new SurveyDeskView(signedIn, school, establishments.get(uai).name(), campaigns, surveys.pupils(user, uai),
                callbacks, answers.columns(), inWords(keptAfterHandled));
    }

    /** The page after a campaign was created and the page asked for again: its number, its codes, its slips. */
    SurveyDeskView created(BrowserSession.SignedIn signedIn, String school, long id) {
        SurveyDeskView view = view(signedIn, school);
        return view.getCampaigns().stream().filter(campaign -> campaign.id() == id).findFirst()
                .map(campaign -> view.answered(DeskView.Outcome.success("Enquête n° " + id + " créée : "
                        + campaign.codes() + " codes. Imprimez les fiches et remettez-en une à chaque famille.",
                        new DeskView.Link(campaign.slipsLabel(), campaign.slipsHref())), List.of()).at("creation", "lien"))
                .orElse(view);
    }

    /** A campaign created from the form: its number, or the page saying why not with the number typed kept. */
    record Creation(Long id, SurveyDeskView refused) {
    }

    Creation create(BrowserSession.SignedIn signedIn, String school, String typed) {
        String codes = typed == null ? "" : typed.strip();
        if (school == null) {
            return refused(signedIn, null, codes, "Choisissez d'abord l'établissement.");
        }
        Integer count = null;
        if (!codes.isEmpty()) {
            try {
                count = Integer.valueOf(codes);
            } catch (NumberFormatException e) {
                return refused(signedIn, school, codes, "Le nombre de codes s'écrit en chiffres, par exemple 320 ; "
                        + "laissez le champ vide pour un code par élève inscrit.");
            }
        }
        try {
            return new Creation(surveys.create(signedIn.user(), Uai.parse(school, "ecole"),
                    new SurveyService.NewSurvey(count)).id(), null);
        } catch (ApiException refusal) {
            return refused(signedIn, school, codes, refusal.getMessage().replace(" (« codes »)", ""));
        }
    }

    private Creation refused(BrowserSession.SignedIn signedIn, String school, String codes, String why) {
        return new Creation(null, view(signedIn, school).answered(DeskView.Outcome.error("Enquête non créée : " + why),
                List.of()).typed(codes, null).at("creation", "codes"));
    }

    /** Answers collected on paper: all stored, or none, the page listing each problem by line and column. */
    SurveyDeskView importAnswers(BrowserSession.SignedIn signedIn, String school, String campaign, InputStream csv,
                                 boolean chosen) {
        Long id = SocialResource.recordNumber(campaign);
        if (school == null || id == null || !chosen) {
            return view(signedIn, school).answered(DeskView.Outcome.error(school == null
                    ? "Choisissez d'abord l'établissement."
                    : id == null ? "Choisissez l'enquête dont ce sont les réponses, puis Importer les réponses."
                    : "Choisissez le fichier des réponses (CSV), puis Importer les réponses."), List.of())
                    .typed("", id).at("import", id == null ? "enquete" : "reponses");
        }
        try {
            SurveyAnswers.Imported imported = answers.importCsv(signedIn.user(), id, csv);
            return view(signedIn, school).answered(DeskView.Outcome.success("Réponses importées : " + imported.answers()
                    + (imported.answers() > 1 ? " réponses enregistrées" : " réponse enregistrée") + " pour l'enquête n° "
                    + id + "."), List.of()).typed("", id).at("import", "reponses");
        } catch (ImportRefused refused) {
            List<String> lines = new ArrayList<>();
            refused.problems().stream().limit(PROBLEMS_LISTED).forEach(problem -> lines.add("Ligne " + problem.line()
                    + (problem.column() == null ? "" : ", colonne « " + problem.column() + " »") + " : "
                    + problem.message()));
            if (refused.problems().size() > PROBLEMS_LISTED) {
                lines.add("… et " + (refused.problems().size() - PROBLEMS_LISTED) + " autres problèmes.");
            }
            int count = refused.problems().size();
            return view(signedIn, school).answered(DeskView.Outcome.error("Fichier refusé, aucune réponse n'a été "
                    + "enregistrée : " + (count > 1 ? count + " problèmes" : "un problème") + ". Corrigez le fichier "
                    + "puis importez-le de nouveau."), lines).typed("", id).at("import", "reponses");
        } catch (ApiException refusal) {
            return view(signedIn, school).answered(DeskView.Outcome.error("Fichier refusé, aucune réponse n'a été "
                    + "enregistrée : " + refusal.getMessage()), List.of()).typed("", id).at("import", "reponses");
        }
    }

    /**
     * A request to be called back marked handled ({@code fait}) or erased ({@code effacer}): null when
     * done, or why not (a request of another school is not found, as the API says it).
     */
    DeskView.Outcome callback(BrowserSession.SignedIn signedIn, String request, String action) {
        Long id = SocialResource.recordNumber(request);
        try {
            if (id == null) {
                throw ApiException.notFound("unknown_contact_request", "id", "cette demande n'existe plus.");
            }
            if ("effacer".equals(action)) {
                surveys.delete(signedIn.user(), id);
            } else {
                surveys.handled(signedIn.user(), id, new SurveyService.ContactHandled(true));
            }
            return null;
        } catch (ApiException refusal) {
            return DeskView.Outcome.error("Demande non modifiée : " + refusal.getMessage());
        }
    }

    /** A period as the notice says it: « 30 jours », « 2 mois ». */
    static String inWords(Period period) {
        List<String> parts = new ArrayList<>();
        if (period.getYears() > 0) {
            parts.add(period.getYears() + (period.getYears() > 1 ? " ans" : " an"));
        }
        if (period.getMonths() > 0) {
            parts.add(period.getMonths() + " mois");
        }
        if (period.getDays() > 0 || parts.isEmpty()) {
            parts.add(period.getDays() + (period.getDays() > 1 ? " jours" : " jour"));
        }
        return String.join(" et ", parts);
    }

    /** The slips of campaign {@code id}, when the user may reach it (404 otherwise, as the API). */
    byte[] slips(User user, long id) {
        return surveys.slips(user, id);
    }

    private static SurveyDeskView.Campaign campaign(SurveyService.Survey survey) {
        return new SurveyDeskView.Campaign(survey.id(), survey.schoolYear() + "-" + (survey.schoolYear() + 1),
                survey.codes(), survey.answers(), rate(survey.responseRate()),
                "Fiches à distribuer (PDF), enquête n° " + survey.id(), SurveyDeskResource.slips(survey.id()));
    }

    /** A response rate as the French write it; unknown without a pupil count. */
    static String rate(BigDecimal rate) {
        return rate == null ? "inconnu (effectif non renseigné)"
                : new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.FRANCE)).format(rate) + " %";
    }

    /** A French number as one reads it to dial: 06 11 22 33 44; any other as it was stored. */
    static String spoken(String phone) {
        return phone != null && phone.matches("0[0-9]{9}") ? phone.replaceAll("(..)(?!$)", "$1 ") : phone;
    }

    private static SurveyDeskView.Callback callback(SurveyService.ContactRequest request) {
        return new SurveyDeskView.Callback(request.id(), request.name(), spoken(request.phone()),
                DeskScans.DATE.format(request.createdOn()),
                request.handledAt() == null ? null : "Rappel fait le "
                        + DeskScans.DATE.format(request.handledAt().atZone(SchoolCalendar.ZONE)));
    }
}
