package fr.ecole.lending.devices;

import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.QueryParams;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A delivery as read: the lines to register, each checked as a single device's body is, those
 * refused, and where reading stopped if it did. Nothing is written while a file is read.
 */
record DeliveryFile(List<DeliveryFile.Line> lines, Rejections rejected, CsvTable.Rejection stopped) {
    /** A delivery has at most this many devices: beyond, it is refused whole (413) before anything is written. */
    static final int ROWS = 5_000;

    /** Reading a delivery stops after this many refused lines: the file is not the one expected. */
    static final int REJECTIONS = 100;

    /** The refusals an answer lists (the first ones, by line); it counts them all. */
    static final int REJECTIONS_LISTED = 20;

    /** A line of a delivery whose values have been checked. */
    record Line(long line, DeviceRegistration.CheckedDevice device) {
    }

    /** Reads and checks a delivery, stopping at the first line over the limit (413) or after too many refusals. */
    static DeliveryFile read(InputStream csv, Function<NewDevice, DeviceRegistration.CheckedDevice> check) {
        List<Line> lines = new ArrayList<>();
        Rejections rejected = new Rejections(REJECTIONS_LISTED);
        // the line where each tag and each kind's serial first appears, to refuse a line that repeats it
        Map<String, Long> seen = new HashMap<>();
        CsvTable.Rejection[] stopped = new CsvTable.Rejection[1];
        int[] rows = new int[1];
        CsvTable.readUntil(csv, List.of("kind", "serial", "model"), (row, width) -> {
            if (++rows[0] > ROWS) {
                throw new ApiException(413, "too_many_rows", "Une livraison compte au plus 5 000 appareils ; ce "
                        + "fichier en a davantage (la ligne " + row.line() + " est la 5 001e) : découpez-le en "
                        + "fichiers de 5 000 lignes au plus et envoyez-les l'un après l'autre. Rien n'a été enregistré.", null);
            }
            try {
                DeviceRegistration.CheckedDevice device = check.apply(deliveryRow(row));
                Long earlier = null;
                for (String key : keys(device)) {
                    Long first = seen.putIfAbsent(key, row.line());
                    earlier = earlier == null ? first : earlier;
                }
                if (earlier != null) {
                    rejected.add(row.line(), "duplicate_device", "Cet appareil (numéro d'inventaire ou de série) figure "
                            + "déjà à la ligne " + earlier + " du fichier.");
                } else {
                    lines.add(new Line(row.line(), device));
                }
            } catch (ApiException e) {
                rejected.add(row.line(), e.code(), e.getMessage());
            } catch (NumberFormatException | DateTimeParseException e) {
                rejected.add(row.line(), "invalid_value",
                        "Forfait SIM illisible : volume en Go (nombre entier) et date de fin AAAA-MM-JJ.");
            }
            if (rejected.count() >= REJECTIONS) {
                stopped[0] = new CsvTable.Rejection(row.line(), "too_many_rejections", "Lecture arrêtée à la ligne "
                        + row.line() + " après " + REJECTIONS + " lignes refusées : le fichier n'a sans doute "
                        + "pas la forme attendue (colonnes kind;serial;model, séparées par des points-virgules). Rien n'a "
                        + "été enregistré : corrigez les erreurs listées puis renvoyez le fichier.");
                return false;
            }
            return true;
        });
        return new DeliveryFile(lines, rejected, stopped[0]);
    }

    /** A delivery line as the JSON body of a single device would give it. */
    private static NewDevice deliveryRow(CsvTable.Row row) {
        String kind = row.get("kind").toUpperCase(Locale.ROOT);
        String planEnds = row.get("simPlanEnds");
        String dataPlan = row.get("simDataPlanGb");
        Sim sim = row.get("simIccid").isEmpty() ? null : new Sim(row.get("simIccid"), row.get("simPhone"),
                dataPlan.isEmpty() ? null : Integer.valueOf(dataPlan),
                planEnds.isEmpty() ? null : LocalDate.parse(planEnds));
        String accessories = row.get("accessories");
        return new NewDevice(QueryParams.enumValue(DeviceKind.class, kind, "kind"), row.get("serial"),
                row.get("model"), row.get("assetTag"),
                accessories.isEmpty() ? List.of() : List.of(accessories.split("\\|")),
                row.get("fundedBy").isEmpty() ? null : row.get("fundedBy"), sim);
    }

    /** What identifies a device within a file: its tag (in any case) and its kind's serial. */
    private static List<String> keys(DeviceRegistration.CheckedDevice device) {
        List<String> keys = new ArrayList<>(2);
        if (device.assetTag() != null) {
            keys.add("tag:" + device.assetTag().toUpperCase(Locale.ROOT));
        }
        if (device.serial() != null) {
            keys.add("serial:" + device.kind() + ":" + device.serial());
        }
        return keys;
    }
}
