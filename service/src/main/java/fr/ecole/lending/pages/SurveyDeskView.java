package fr.ecole.lending.pages;

import java.util.List;

/**
 * A school's surveys of its families ({@code /poste/enquetes}): its campaigns with their slips and
 * response rate, the form that creates one, the import of answers collected on paper, the families'
 * requests to be called back, and what the last action answered.
 */
public final class SurveyDeskView extends SchoolPageView<SurveyDeskView> {
    /** A campaign: codes handed out, answers so far, the rate in words, the link to its slips. */
    public record Campaign(long id, String schoolYear, int codes, long answers, String rate, String slipsLabel,
                           String slipsHref) {
    }

    /** A family's request to be called back; {@code handled}: when the school called, or null. */
    public record Callback(long id, String name, String phone, String day, String handled) {
    }

    private final List<Campaign> campaigns;
    private final Long pupils;
    private final List<Callback> callbacks;
    private final List<String> columns;
    private final String keptAfterHandled;
    private String focus = "";
    private String typedCodes = "";
    private Long chosenCampaign;

    SurveyDeskView(BrowserSession.SignedIn signedIn, String school, String schoolName, List<Campaign> campaigns,
                   Long pupils, List<Callback> callbacks, List<String> columns, String keptAfterHandled) {
        super("enquetes.ftlh", "Enquêtes auprès des familles", signedIn, school, schoolName);
        this.campaigns = campaigns;
        this.pupils = pupils;
        this.callbacks = callbacks;
        this.columns = columns;
        this.keptAfterHandled = keptAfterHandled;
    }

    @Override
    SurveyDeskView self() {
        return this;
    }

    /** Where the answer shows ({@code creation}, {@code import}, {@code rappels}, or "" at the top) and what has the focus. */
    SurveyDeskView at(String section, String focused) {
        this.focus = focused;
        return at(section);
    }

    /** What the forms keep after a refusal: the number of codes typed, the campaign chosen. */
    SurveyDeskView typed(String codes, Long campaign) {
        this.typedCodes = codes;
        this.chosenCampaign = campaign;
        return this;
    }

    public List<Campaign> getCampaigns() {
        return campaigns;
    }

    /** The pupils a campaign counts by default, or null when none is known. */
    public Long getPupils() {
        return pupils;
    }

    public List<Callback> getCallbacks() {
        return callbacks;
    }

    /** The columns of a file of answers, in order. */
    public List<String> getColumns() {
        return columns;
    }

    public String getKeptAfterHandled() {
        return keptAfterHandled;
    }

    public String getFocus() {
        return focus;
    }

    public String getTypedCodes() {
        return typedCodes;
    }

    /** The campaign the import form has chosen: the one typed, else the latest. */
    public long getChosenCampaign() {
        if (chosenCampaign != null) {
            return chosenCampaign;
        }
        return campaigns.isEmpty() ? 0 : campaigns.get(campaigns.size() - 1).id();
    }

    public String getTemplateHref() {
        return SurveyDeskResource.PAGE + "/modele-reponses.csv";
    }
}
