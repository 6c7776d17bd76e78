package fr.ecole.lending.demo;

import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.surveys.SurveyAnswers;
import fr.ecole.lending.surveys.SurveyService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's survey campaigns: one per school of survey-answers.csv, as many codes as its pupils,
 * and the invented answers of that file imported as a school imports those collected on paper, each
 * spending one of the campaign's codes, so that the desk's and the collectivity's pages show a survey.
 */
final class DemoSurveys {
    static final String ANSWERS = "demo/survey-answers.csv";

    private DemoSurveys() {
    }

    /** Returns how many answers were imported. */
    static int load(User admin, SurveyService surveys, SurveyAnswers answers) {
        List<String> lines;
        try (InputStream in = DemoData.open(ANSWERS)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the file's first column is the school; the import's is the code, the questions' columns follow
        String questions = lines.get(0).substring(lines.get(0).indexOf(';') + 1);
        Map<String, List<String>> bySchool = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int cut = line.indexOf(';');
            bySchool.computeIfAbsent(line.substring(0, cut), uai -> new ArrayList<>()).add(line.substring(cut + 1));
        }
        int imported = 0;
        for (Map.Entry<String, List<String>> school : bySchool.entrySet()) {
            Uai uai = Uai.parse(school.getKey(), "uai");
            SurveyService.Survey campaign;
            try {
                campaign = surveys.create(admin, uai, new SurveyService.NewSurvey(null));
            } catch (ApiException noPupilCount) {
                campaign = surveys.create(admin, uai, new SurveyService.NewSurvey(school.getValue().size() * 4));
            }
            StringBuilder csv = new StringBuilder("code;").append(questions).append('\n');
            Iterator<String> codes = surveys.codes(admin, campaign.id()).iterator();
            for (String answer : school.getValue()) {
                csv.append(codes.next()).append(';').append(answer).append('\n');
            }
            imported += answers.importCsv(admin, campaign.id(),
                    new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8))).answers();
        }
        return imported;
    }
}
