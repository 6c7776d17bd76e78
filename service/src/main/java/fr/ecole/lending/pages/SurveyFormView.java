package fr.ecole.lending.pages;

import java.util.List;

/**
 * The public survey form ({@code /enquete}): no account, a phone is enough. The family types (or its
 * QR code fills in) the code of its slip, answers the questions, and may leave a name and a phone to
 * be called back; then it is thanked ({@code done}) and told what happens to what it gave.
 */
public final class SurveyFormView extends PageView {
    /** One answer of a list or a yes/no question, as a radio button. */
    public record Option(String value, String label, boolean chosen) {
    }

    /** A question as the form asks it: a number field, or a group of radio buttons. */
    public record Question(String id, String label, boolean number, Integer min, Integer max, boolean required,
                           List<Option> options, String value) {
    }

    /** What the form held when it was sent, to show it again when it is refused. */
    public record Typed(String code, boolean callBack, String name, String phone) {
        static final Typed EMPTY = new Typed("", false, "", "");
    }

    private final List<Question> questions;
    private final Typed typed;
    private final String contactNotice;
    private final String error;
    private final String errorField;
    private final String thanks;

    SurveyFormView(String formToken, List<Question> questions, Typed typed, String contactNotice, String error,
                   String errorField, String thanks) {
        super("enquete.ftlh", thanks == null ? "Enquête sur l'équipement numérique des familles"
                : "Merci pour votre réponse", null, formToken);
        this.questions = questions;
        this.typed = typed;
        this.contactNotice = contactNotice;
        this.error = error;
        this.errorField = errorField;
        this.thanks = thanks;
    }

    public List<Question> getQuestions() {
        return questions;
    }

    public Typed getTyped() {
        return typed;
    }

    public String getContactNotice() {
        return contactNotice;
    }

    /** Why the answers were not recorded, and what to do; null otherwise. */
    public String getError() {
        return error;
    }

    /** The control the refusal is about ({@code code}, a question's id, {@code nom}, {@code telephone}), or empty. */
    public String getErrorField() {
        return errorField == null ? "" : errorField;
    }

    /** Once recorded: what the family is told; null while the form is to fill. */
    public String getThanks() {
        return thanks;
    }
}
