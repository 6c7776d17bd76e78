package fr.ecole.lending.scanning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.AssetTags;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.labels.Label;
import fr.ecole.lending.labels.LabelException;
import fr.ecole.lending.labels.LabelPrinter;
import fr.ecole.lending.labels.Layout;
import fr.ecole.lending.labels.Payloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels of devices and agreements, and what a scanned code stands for. A label's QR code holds
 * {@code <base URL>/d/<asset tag>} (a phone's camera opens the device) or, without a base URL, the
 * bare asset tag; an agreement's holds {@code /a/<number>} or the bare number.
 */
public class LabelService {
    /** More labels than this in one PDF: the desk should filter (by kind, by status, by tags). */
    static final int MAX_LABELS = 5_000;
    // scanners may send a link in upper case
    private static final Pattern DEVICE_LINK = Pattern.compile(".*/d/([A-Za-z0-9._-]{1,40})/?", Pattern.CASE_INSENSITIVE);
    private static final Pattern AGREEMENT_LINK = Pattern.compile(".*/a/(AGR-[A-Za-z0-9-]{1,40})/?",
            Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final LendingService lending;
    private final ObjectMapper mapper;
    private final Payloads payloads;

    public LabelService(Database database, LendingService lending, ObjectMapper mapper, Payloads payloads) {
        this.database = database;
        this.lending = lending;
        this.mapper = mapper;
        this.payloads = payloads;
    }

    public byte[] devicePng(User actor, AssetTag assetTag) {
        return printing(() -> LabelPrinter.png(deviceLabel(actor, assetTag)));
    }

    public String deviceSvg(User actor, AssetTag assetTag) {
        return printing(() -> LabelPrinter.svg(deviceLabel(actor, assetTag)));
    }

    public byte[] agreementPng(User actor, String number) {
        Agreement agreement = lending.get(actor, number);
        String payload = payloads.agreement(agreement.number());
        return printing(() -> LabelPrinter.png(new Label(payload, List.of(agreement.number(), "Convention de prêt"), null)));
    }

    /** What the sheet prints: the devices of a pool, filtered, or exactly the tags asked for. */
    public record SheetRequest(DeviceStatus status, DeviceKind kind, List<String> assetTags, String layout,
                               Double marginTop, Double marginLeft, String line) {
    }

    public byte[] sheet(User actor, Uai uai, SheetRequest request) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        String line = Check.optional(request.line(), "line", 80);
        Layout layout = printing(() -> Layout.named(request.layout()).withMargins(request.marginTop(), request.marginLeft()));
        List<Label> labels = database.read(handle -> {
            Establishment school = EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            List<Device> chosen = new ArrayList<>();
            if (request.assetTags() != null && !request.assetTags().isEmpty()) {
                for (int i = 0; i < request.assetTags().size(); i++) {
                    Device device = DeviceService.find(devices, Scope.of(actor), AssetTag.of(request.assetTags().get(i)),
                            "assetTags[" + i + "]");
                    if (!device.uai().equals(uai.value())) {
                        throw ApiException.invalid("other_establishment", "assetTags[" + i + "]", "L'appareil "
                                + device.assetTag() + " appartient à un autre établissement (" + device.uai() + ").");
                    }
                    chosen.add(device);
                }
            } else {
                chosen.addAll(devices.list(uai, request.status(), request.kind(), 0, MAX_LABELS + 1));
            }
            if (chosen.size() > MAX_LABELS) {
                throw ApiException.invalid("too_many_labels", request.assetTags() == null || request.assetTags().isEmpty()
                        ? "status" : "assetTags", "Plus de " + MAX_LABELS
                        + " étiquettes : filtrez par état ou par type, ou choisissez les numéros d'inventaire.");
            }
            List<Label> out = new ArrayList<>(chosen.size());
            for (Device device : chosen) {
                out.add(label(device, school, line));
            }
            return out;
        });
        return printing(() -> LabelPrinter.pdf(labels, layout));
    }

    /** What the desk scanned: a device (with its open loan) or an agreement (with its devices). */
    public ObjectNode scan(User actor, String code) {
        String text = code == null ? "" : code.strip();
        Matcher device = DEVICE_LINK.matcher(text);
        Matcher agreement = AGREEMENT_LINK.matcher(text);
        Scope scope = Scope.of(actor);
        try {
            if (agreement.matches() || text.toUpperCase(Locale.ROOT).startsWith("AGR-")) {
                Agreement found = lending.get(actor, agreement.matches() ? agreement.group(1) : text);
                return typed("AGREEMENT", found);
            }
            String tag = device.matches() ? device.group(1) : text;
            if (tag.isEmpty() || tag.length() > 40) {
                throw unknown(code);
            }
            String folded = tag.toUpperCase(Locale.ROOT);
            if (AssetTags.GENERATED_SHAPE.matcher(folded).matches() && !AssetTags.hasValidCheck(folded)) {
                // one mistyped character of a generated tag: refused, never matched to another device
                Device exact = database.read(handle -> Daos.on(handle, DeviceDao.class).findByTag(AssetTag.of(tag))).orElse(null);
                if (exact == null || !scope.coversEstablishment(exact.uai())) {
                    throw ApiException.notFound("unknown_code", "code", "Le code « " + tag + " » a une erreur : "
                            + "son caractère de contrôle ne correspond pas. Relisez l'étiquette ou scannez-la.");
                }
            }
            Device found = database.read(handle -> DeviceService.find(Daos.on(handle, DeviceDao.class), scope, AssetTag.of(tag), "code"));
            return typed("DEVICE", found);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw "unknown_code".equals(e.code()) ? e : unknown(code);
            }
            throw e;
        }
    }

    /** The device's label: payload, the tag in groups easy to read aloud, its kind, its school, a line of the school's. */
    Label deviceLabel(User actor, AssetTag assetTag) {
        return database.read(handle -> {
            Device device = DeviceService.find(Daos.on(handle, DeviceDao.class), Scope.of(actor), assetTag, "assetTag");
            Establishment school = Daos.on(handle, EstablishmentDao.class).find(device.uai()).orElseThrow();
            return label(device, school, null);
        });
    }

    private Label label(Device device, Establishment school, String line) {
        String tag = device.assetTag();
        List<String> lines = new ArrayList<>(List.of(readable(tag), kindLabel(device.kind()), school.name()));
        if (line != null) {
            lines.add(line);
        }
        return new Label(payloads.device(tag), lines,
                tag.chars().allMatch(c -> c >= 32 && c <= 126) ? tag : null);
    }

    /** A generated tag in groups of three, easy to read aloud: "KR8 R22 8ZZ"; other tags as given. */
    static String readable(String tag) {
        if (!AssetTags.GENERATED_SHAPE.matcher(tag).matches() || !AssetTags.hasValidCheck(tag)) {
            return tag;
        }
        return tag.substring(0, 3) + " " + tag.substring(3, 6) + " " + tag.substring(6);
    }

    private static String kindLabel(DeviceKind kind) {
        String label = kind.label();
        return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    }

    private ObjectNode typed(String type, Object record) {
        ObjectNode out = JSON.createObjectNode().put("type", type);
        out.setAll((ObjectNode) mapper.valueToTree(record));
        return out;
    }

    private static ApiException unknown(String code) {
        return ApiException.notFound("unknown_code", "code", "Le code scanné ne correspond à aucun appareil ni "
                + "aucune convention que vous pouvez voir : vérifiez l'étiquette.");
    }

    /** Runs a rendering step, turning what the library refuses into a 422 naming the parameter. */
    private static <T> T printing(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (LabelException e) {
            throw ApiException.invalid("labels".equals(e.parameter()) ? "no_labels" : "invalid_label", e.parameter(),
                    e.getMessage());
        }
    }
}
