package fr.ecole.lending.pages;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.scanning.LabelService;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What a scan at the desk found, in words: the same lookup as {@code GET /api/scan} (asset tag, a
 * label's QR address, an agreement number), so a device the desk may not see is "not found" exactly as
 * an unknown tag.
 */
final class DeskScans {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final LabelService labels;
    private final FamilyService families;
    private final ObjectMapper mapper;

    DeskScans(LabelService labels, FamilyService families, ObjectMapper mapper) {
        this.labels = labels;
        this.families = families;
        // the scan's answer is the API's JSON, read back into the records it was written from: without the
        // fields the API leaves out (a device's row id), which the strict API mapper would refuse
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One scan's answer: the sentence for the live region, and the device or agreement found. */
    public record Answer(String code, boolean found, String message, Device foundDevice, Agreement foundAgreement,
                         String guardian) {
        public String getMessage() {
            return message;
        }

        public boolean isFound() {
            return found;
        }

        public String getCode() {
            return code;
        }

        public DeviceLine getDevice() {
            return foundDevice == null ? null : new DeviceLine(foundDevice);
        }

        public AgreementLine getAgreement() {
            return foundAgreement == null ? null : new AgreementLine(foundAgreement);
        }

        public String getGuardian() {
            return guardian;
        }
    }

    Answer scan(User user, String code) {
        String typed = code.strip();
        try {
            ObjectNode found = labels.scan(user, typed);
            if ("AGREEMENT".equals(found.path("type").asText())) {
                found.remove("type");
                Agreement agreement = mapper.treeToValue(found, Agreement.class);
                String guardian = guardian(user, agreement.familyId());
                long out = agreement.loans().stream().filter(loan -> loan.returnedAt() == null && loan.lostAt() == null)
                        .count();
                return new Answer(typed, true, "Convention " + agreement.number() + " : " + guardian + ", "
                        + out + " appareil" + (out > 1 ? "s" : "") + " en prêt, retour prévu le "
                        + DATE.format(agreement.dueDate()) + ".", null, agreement, guardian);
            }
            found.remove("type");
            Device device = mapper.treeToValue(found, Device.class);
            String guardian = device.openLoan() == null ? null : guardian(user, device.openLoan().familyId());
            return new Answer(typed, true, sentence(device, guardian), device, null, guardian);
        } catch (ApiException refused) {
            return new Answer(typed, false, refused.status() == 404
                    ? "« " + typed + " » : introuvable. " + refused.getMessage() : refused.getMessage(), null, null, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a scan's answer could not be read back", e);
        }
    }

    private String guardian(User user, long familyId) {
        Family family;
        try {
            family = families.get(user, familyId);
        } catch (ApiException outOfReach) {
            // the school's agreement still, though none of the family's pupils is left there (gone up to the collège)
            return "famille n° " + familyId;
        }
        return family.guardian() == null || family.guardian().name() == null ? "famille n° " + familyId
                : family.guardian().name();
    }

    static String sentence(Device device, String guardian) {
        String what = capitalised(device.kind().label()) + " " + device.assetTag() + " : ";
        if (device.status() == DeviceStatus.ON_LOAN && device.openLoan() != null) {
            return what + "prêté à " + guardian + " (convention " + device.openLoan().agreementNumber()
                    + "), retour prévu le " + DATE.format(device.openLoan().dueDate()) + ".";
        }
        if (device.status() == DeviceStatus.AVAILABLE && device.needsWipe()) {
            return what + "à effacer avant un nouveau prêt.";
        }
        return what + statusLabel(device.status()) + ".";
    }

    static String statusLabel(DeviceStatus status) {
        return switch (status) {
            case AVAILABLE -> "disponible";
            case ON_LOAN -> "prêté";
            case IN_REPAIR -> "en réparation";
            case LOST -> "perdu";
            case RETIRED -> "réformé";
        };
    }

    static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A device as the page shows it. */
    public record DeviceLine(Device device) {
        public String getAssetTag() {
            return device.assetTag();
        }

        public String getKind() {
            return capitalised(device.kind().label());
        }

        public String getModel() {
            return device.model() == null ? "" : device.model();
        }

        public String getStatus() {
            return device.status() == DeviceStatus.AVAILABLE && device.needsWipe() ? "à effacer"
                    : statusLabel(device.status());
        }

        public String getSchool() {
            return device.uai();
        }

        public List<String> getAccessories() {
            return device.accessories() == null ? List.of() : device.accessories();
        }

        public String getAgreementNumber() {
            return device.openLoan() == null ? null : device.openLoan().agreementNumber();
        }

        public String getDueDate() {
            return device.openLoan() == null ? null : DATE.format(device.openLoan().dueDate());
        }
    }

    /** An agreement as the page shows it. */
    public record AgreementLine(Agreement agreement) {
        public String getNumber() {
            return agreement.number();
        }

        public String getDueDate() {
            return DATE.format(agreement.dueDate());
        }

        public boolean isOverdue() {
            return agreement.overdue();
        }

        public List<String> getDevices() {
            return agreement.loans().stream().map(loan -> capitalised(loan.kind().label()) + " " + loan.assetTag()
                    + (loan.returnedAt() != null ? " (rendu)" : loan.lostAt() != null ? " (perdu)" : "")).toList();
        }
    }
}
