package fr.ecole.lending.pages;

import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceRegistration;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.NewDevice;
import fr.ecole.lending.devices.Sim;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.scanning.LabelService;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pool page's work: the school's devices, a device or a delivery added, labels printed, each
 * through the services the API's resources call (the same roles, scopes and checks), their refusals
 * turned into sentences that name the field or the line.
 */
final class Pool {
    /** The most tags a link to their sheet carries (its address stays far below the server's 8 KiB); beyond, a button. */
    static final int TAGS_IN_A_LINK = 300;

    /** The add form's fields by the API's names: the page's field (its id) and its label. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "kind", List.of("type", "Type d'appareil"),
            "model", List.of("modele", "Modèle"),
            "serial", List.of("serie", "Numéro de série"),
            "assetTag", List.of("inventaire", "Numéro d'inventaire"),
            "accessories", List.of("accessoires", "Accessoires"),
            "sim", List.of("iccid", "ICCID de la carte SIM"),
            "sim.iccid", List.of("iccid", "ICCID de la carte SIM"),
            "sim.phone", List.of("telephone", "Numéro de téléphone de la carte SIM"),
            "sim.dataPlanGb", List.of("forfait", "Forfait de données"),
            "sim.planEnds", List.of("fin_forfait", "Fin du forfait"));

    private static final DateTimeFormatter TYPED_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private final Desk desk;
    private final DeviceService devices;
    private final DeviceRegistration registration;
    private final LabelService labels;
    private final EstablishmentService establishments;
    private final long maxDeliveryBytes;

    Pool(Desk desk, DeviceService devices, DeviceRegistration registration, LabelService labels,
         EstablishmentService establishments, long maxDeliveryBytes) {
        this.desk = desk;
        this.devices = devices;
        this.registration = registration;
        this.labels = labels;
        this.establishments = establishments;
        this.maxDeliveryBytes = maxDeliveryBytes;
    }

    /** The school's pool, of one status or all, narrowed to the devices whose tag, serial or model holds {@code query}. */
    PoolView view(BrowserSession.SignedIn signedIn, String asked, String status, String query) {
        User user = signedIn.user();
        String school = desk.school(user, DeskState.parse(asked, null, null, null)).school();
        DeviceStatus chosen = null;
        for (DeviceStatus value : DeviceStatus.values()) {
            if (value.name().equals(status)) {
                chosen = value;
            }
        }
        List<PoolView.Status> statuses = new ArrayList<>();
        statuses.add(new PoolView.Status("", "Tous", chosen == null));
        for (DeviceStatus value : DeviceStatus.values()) {
            statuses.add(new PoolView.Status(value.name(), DeskScans.capitalised(DeskScans.statusLabel(value)), value == chosen));
        }
        List<PoolView.Kind> kinds = Arrays.stream(DeviceKind.values())
                .map(kind -> new PoolView.Kind(kind.name(), DeskWords.kindLabel(kind))).toList();
        String wanted = query == null ? "" : query.strip();
        if (school == null) {
            return new PoolView(signedIn, null, null, statuses, wanted, List.of(), false, kinds, maxDeliveryBytes);
        }
        Uai uai = Uai.parse(school, "ecole");
        fr.ecole.lending.http.Page<Device> page = devices.list(user, uai, chosen, null, new PageRequest(PageRequest.MAX_LIMIT, 0));
        String folded = wanted.toLowerCase(Locale.ROOT);
        List<PoolView.Line> lines = page.items().stream()
                .filter(device -> folded.isEmpty() || contains(device.assetTag(), folded) || contains(device.serial(), folded)
                        || contains(device.model(), folded))
                .map(device -> new PoolView.Line(device.assetTag(), DeskWords.kindLabel(device.kind()),
                        device.model() == null ? "" : device.model(), device.serial() == null ? "" : device.serial(),
                        new DeskScans.DeviceLine(device).getStatus()))
                .toList();
        return new PoolView(signedIn, school, establishments.get(uai).name(), statuses, wanted, lines,
                page.nextCursor() != null, kinds, maxDeliveryBytes);
    }

    private static boolean contains(String text, String folded) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(folded);
    }

    /**
     * The school a form acts for: the one it names, when the user works for it (otherwise a 403 page,
     * as the API refuses it), or the desk's own when it names none; null for an administrator who
     * named none.
     */
    String school(BrowserSession.SignedIn signedIn, String asked) {
        return school(desk, signedIn, asked);
    }

    /** The same for any desk page that acts for a school: the survey page as the pool. */
    static String school(Desk desk, BrowserSession.SignedIn signedIn, String asked) {
        String school = desk.school(signedIn.user(), DeskState.parse(asked, null, null, null)).school();
        if (asked != null && !asked.isBlank() && (school == null || !school.equalsIgnoreCase(asked.strip()))) {
            throw new PageException.OutsideScope(signedIn, asked.strip());
        }
        return school;
    }

    /** The pool again after a device was added: the message naming its tag, a link to its label, the form ready for the next. */
    PoolView added(BrowserSession.SignedIn signedIn, String school, String assetTag) {
        PoolView view = view(signedIn, school, null, null);
        try {
            Device device = devices.get(signedIn.user(), AssetTag.of(assetTag));
            if (device.uai().equals(view.getSchool())) {
                // the next device of a delivery is often of the same kind, model and accessories: only its serial changes
                return view.answered(DeskView.Outcome.success(DeskWords.kindLabel(device.kind()) + " " + device.assetTag()
                                + " ajouté au parc : collez-lui son étiquette.",
                        new DeskView.Link("Étiquette de " + device.assetTag() + " (PDF)",
                                PoolResource.labelSheet(device.uai(), List.of(device.assetTag())))), List.of())
                        .form(new PoolView.DeviceForm(device.kind().name(), device.model() == null ? "" : device.model(),
                                "", "", String.join(", ", DeskWords.accessories(device)), "", "", "", "", null, null),
                                "serie").at("ajout");
            }
        } catch (ApiException gone) {
            // a tag this desk may not see: the pool as it is, with no message
        }
        return view;
    }

    /** A device added (its tag), or the form as typed with the field refused and why. */
    record Addition(String assetTag, PoolView.DeviceForm refused) {
        static Addition refused(PoolView.DeviceForm typed, String field, String why) {
            return new Addition(null, typed.refused(field, why));
        }
    }

    /** Adds the device typed into the school's pool; nothing is written when it is refused. */
    Addition add(User user, String school, PoolView.DeviceForm typed) {
        if (school == null) {
            return Addition.refused(typed, "type", "Choisissez d'abord l'établissement au poste de prêt.");
        }
        DeviceKind kind = Arrays.stream(DeviceKind.values()).filter(k -> k.name().equals(typed.kind())).findFirst().orElse(null);
        Integer dataPlan;
        LocalDate planEnds;
        try {
            dataPlan = typed.dataPlanGb().isBlank() ? null : Integer.valueOf(typed.dataPlanGb().strip());
        } catch (NumberFormatException e) {
            return Addition.refused(typed, "forfait", "Le forfait de données s'écrit en Go, par un nombre entier (par exemple 50).");
        }
        try {
            planEnds = typed.planEnds().isBlank() ? null : date(typed.planEnds().strip());
        } catch (DateTimeParseException e) {
            return Addition.refused(typed, "fin_forfait", "La fin du forfait est une date jj/mm/aaaa (par exemple 31/08/2027).");
        }
        boolean simTyped = !(typed.iccid().isBlank() && typed.phone().isBlank() && dataPlan == null && planEnds == null);
        List<String> accessories = Arrays.stream(typed.accessories().split(",")).map(String::strip)
                .filter(text -> !text.isEmpty()).toList();
        try {
            Device device = registration.create(user, Uai.parse(school, "ecole"), new NewDevice(kind, typed.serial(),
                    typed.model(), typed.assetTag(), accessories, null,
                    simTyped ? new Sim(typed.iccid(), typed.phone(), dataPlan, planEnds) : null));
            return new Addition(device.assetTag(), null);
        } catch (ApiException refused) {
            List<String> field = FIELDS.get(refused.field() == null ? "" : refused.field());
            String why = inWords(refused.getMessage(), FIELDS);
            return Addition.refused(typed, field == null ? "serie" : field.get(0), field == null ? why : field.get(1) + " : " + why);
        }
    }

    /** A date as a person types it (31/08/2027, 1/9/2027), or as a browser's date field sends it (2027-08-31). */
    static LocalDate date(String text) {
        return text.contains("/") ? LocalDate.parse(text, TYPED_DATE) : LocalDate.parse(text);
    }

    /** What a delivery did, or why it was refused whole: the lines refused, each with its number and the problem. */
    PoolView delivered(BrowserSession.SignedIn signedIn, String school, InputStream csv, boolean chosen) {
        if (school == null || !chosen) {
            return view(signedIn, school, null, null).answered(DeskView.Outcome.error(school == null
                    ? "Choisissez d'abord l'établissement au poste de prêt."
                    : "Choisissez le fichier de la livraison (CSV), puis Importer la livraison."), List.of())
                    .form(PoolView.DeviceForm.EMPTY, "livraison").at("livraison");
        }
        DeviceRegistration.DeliveryImport delivery;
        try {
            delivery = registration.importDelivery(signedIn.user(), Uai.parse(school, "ecole"), new AtMost(csv), true);
        } catch (ApiException refused) {
            return view(signedIn, school, null, null).answered(DeskView.Outcome.error("Livraison refusée, rien n'a été "
                    + "importé : " + refused.getMessage()), List.of()).form(PoolView.DeviceForm.EMPTY, "livraison")
                    .at("livraison");
        }
        PoolView view = view(signedIn, school, null, null).at("livraison");
        List<String> created = delivery.created();
        if (created.isEmpty() && (delivery.stopped() != null || delivery.rejectedCount() > 0)) {
            List<String> lines = new ArrayList<>();
            for (CsvTable.Rejection line : delivery.rejected()) {
                lines.add("Ligne " + line.line() + " : " + inWords(line.message(), Map.of()));
            }
            if (delivery.rejectedCount() > delivery.rejected().size()) {
                lines.add("… et " + (delivery.rejectedCount() - delivery.rejected().size()) + " autres lignes refusées.");
            }
            if (delivery.stopped() != null) {
                lines.add(delivery.stopped().message());
            }
            return view.answered(DeskView.Outcome.error("Livraison refusée, rien n'a été importé : "
                    + (delivery.rejectedCount() > 1 ? delivery.rejectedCount() + " lignes ont" : "une ligne a")
                    + " un problème. Corrigez le fichier puis importez-le de nouveau."), lines)
                    .form(PoolView.DeviceForm.EMPTY, "livraison");
        }
        String already = delivery.alreadyRegistered() == 0 ? "" : " " + DeskWords.devicesCount(delivery.alreadyRegistered())
                + " du fichier " + (delivery.alreadyRegistered() > 1 ? "étaient" : "était") + " déjà au parc.";
        if (created.isEmpty()) {
            return view.answered(DeskView.Outcome.info("Aucun appareil ajouté :" + (already.isEmpty()
                    ? " le fichier ne compte aucune ligne d'appareil." : already)), List.of());
        }
        String text = "Livraison importée : " + DeskWords.devicesCount(created.size()) + " ajouté"
                + (created.size() > 1 ? "s" : "") + " au parc." + already
                // another desk wrote one of its devices between two batches: those before it are kept
                + (delivery.stopped() == null ? "" : " " + delivery.stopped().message());
        DeskView.Outcome outcome = delivery.stopped() == null ? DeskView.Outcome.success(text) : DeskView.Outcome.error(text);
        // the next step, printing the delivery's labels, has the focus
        if (created.size() > TAGS_IN_A_LINK) {
            return view.answered(outcome, List.of()).deliveryTags(created).form(PoolView.DeviceForm.EMPTY, "lien");
        }
        return view.answered(new DeskView.Outcome(outcome.kind(), text, List.of(new DeskView.Link(
                "Étiquettes de la livraison (PDF)", PoolResource.labelSheet(school, created)))), List.of())
                .form(PoolView.DeviceForm.EMPTY, "lien");
    }

    /**
     * The file as read, refused past the desk's CSV limit: the same file as the API takes, whatever
     * room the form's other fields had. Read whole before anything is written, so nothing is.
     */
    private final class AtMost extends FilterInputStream {
        private long count;

        AtMost(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > maxDeliveryBytes) {
                throw new ApiException(413, "body_too_large", "le fichier dépasse " + maxDeliveryBytes / 1024
                        + " Kio : découpez-le en plusieurs livraisons.", null);
            }
        }
    }

    /** The sheet of exactly the tags listed (the whole pool when none), on the API's default stock. */
    byte[] sheet(User user, String school, List<String> tags) {
        return labels.sheet(user, Uai.parse(school, "ecole"), new LabelService.SheetRequest(null, null,
                tags.isEmpty() ? null : tags, null, null, null, null));
    }

    /** A service's message with the API's names of fields replaced by the page's labels (and the delivery's columns). */
    static String inWords(String message, Map<String, List<String>> fields) {
        String text = message.replace(" (DONGLE_4G)", "");
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            text = text.replace("« " + field.getKey() + " »", "« " + field.getValue().get(1) + " »");
        }
        // a delivery's SIM columns, named as in its file
        return text.replace("« sim.iccid »", "« simIccid »").replace("« sim.phone »", "« simPhone »")
                .replace("« sim.dataPlanGb »", "« simDataPlanGb »").replace("« sim.planEnds »", "« simPlanEnds »")
                .replace("« sim »", "« simIccid »");
    }
}
