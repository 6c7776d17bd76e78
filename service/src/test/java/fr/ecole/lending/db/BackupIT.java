package fr.ecole.lending.db;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code java -jar service.jar backup} run as an operator runs it, in a process of its own, while
 * desks keep lending through the API; the copy is then restored as docs/operations.md says and served again.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
// the backup command copies a SQLite file; PostgreSQL is backed up with its own tools (docs/operations.md)
@Tag("sqlite-only")
class BackupIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(FOLDER));
    /** The shaded jar, built by the package phase that runs before the integration tests. */
    static final Path JAR = Path.of("target", "service.jar").toAbsolutePath();
    static final int DESKS = 4;

    static Api admin;
    static Api desk;
    static String deskToken;
    static final List<Long> families = new ArrayList<>();
    static final List<String> tags = new ArrayList<>();
    /** The records made before the desks start, as the API shows them: path -> body. */
    static final Map<String, String> shown = new LinkedHashMap<>();

    /** Fills the database with records of every kind the service keeps. */
    @BeforeAll
    static void fill() {
        admin = new Api(APP);
        assertThat(admin.importDirectory().status()).isEqualTo(200);
        assertThat(admin.postRaw("/api/imports/catchments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-carte-scolaire-colleges-publics.csv")).status()).isEqualTo(200);
        assertThat(admin.postRaw("/api/imports/enrolments", "text/csv",
                Api.resource("/fixtures/territory/fr-en-ecoles-effectifs-nb_classes.csv")).status()).isEqualTo(200);
        assertThat(admin.postRaw("/api/imports/coverage", "text/csv",
                "code_insee;niveau_4g\n35016;couverture limitée\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        Reply created = admin.post("/api/users", Map.of("name", "pret.sauvegarde", "role", "DESK",
                "establishments", List.of(COLLEGE), "password", "un mot de passe assez long"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        deskToken = created.json().path("token").asText();
        desk = admin.as(deskToken);
        assertThat(admin.as(null).post("/api/sessions", Map.of("name", "pret.sauvegarde",
                "password", "un mot de passe assez long")).status()).isEqualTo(201);

        for (int i = 0; i < 6; i++) {
            Reply family = admin.post("/api/families", Builders.family("Famille Sauvegarde " + i, COLLEGE));
            assertThat(family.status()).as(family.text()).isEqualTo(201);
            families.add(family.json().path("id").asLong());
            Reply diagnostic = admin.post("/api/families/" + families.get(i) + "/diagnostics",
                    Map.of("answers", Builders.answers()));
            assertThat(diagnostic.status()).as(diagnostic.text()).isEqualTo(201);
        }
        List<String> agreements = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String laptop = device("LAPTOP");
            String dongle = device("DONGLE_4G");
            Reply lent = admin.post("/api/agreements", Builders.agreement(families.get(i), COLLEGE,
                    List.of(laptop, dongle), "fill-" + i));
            assertThat(lent.status()).as(lent.text()).isEqualTo(201);
            String number = lent.json().path("number").asText();
            agreements.add(number);
            switch (i) {
                case 0 -> {
                    ok(admin.post("/api/agreements/" + number + "/signature", Map.of("signedBy", "Famille Sauvegarde 0",
                            "signedAt", Instant.now().minusSeconds(60).toString())));
                    ok(admin.post("/api/agreements/" + number + "/renewal", Map.of("dueDate",
                            LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(9).toString())));
                }
                case 1 -> {
                    ok(admin.post("/api/returns", Map.of("assetTag", laptop, "condition", "GOOD")));
                    ok(admin.post("/api/returns", Map.of("assetTag", dongle, "condition", "BROKEN", "note", "Ne s'allume plus")));
                    ok(admin.post("/api/devices/" + laptop + "/wipe", Map.of("note", "Réinitialisé")));
                }
                case 2 -> ok(admin.patch("/api/devices/" + dongle, Map.of("status", "LOST", "note", "Perdue dans le bus")));
                default -> {
                }
            }
        }
        ok(admin.patch("/api/devices/" + device("TABLET"), Map.of("status", "RETIRED", "note", "Trop ancienne")));

        for (long family : families) {
            shown.put("/api/families/" + family, null);
            shown.put("/api/families/" + family + "/diagnostics", null);
        }
        for (String number : agreements) {
            shown.put("/api/agreements/" + number, null);
        }
        for (String tag : tags) {
            shown.put("/api/devices/" + tag, null);
            shown.put("/api/devices/" + tag + "/history", null);
            shown.put("/api/devices/" + tag + "/repairs", null);
        }
        shown.put("/api/establishments/" + COLLEGE, null);
        shown.put("/api/catchments/35238", null);
        shown.put("/api/users?limit=500", null);
        shown.replaceAll((path, body) -> ok(admin.get(path)).text());
    }

    static String device(String kind) {
        Reply reply = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.device(kind));
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String tag = reply.json().path("assetTag").asText();
        tags.add(tag);
        return tag;
    }

    static Reply ok(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
        return reply;
    }

    /** An agreement a desk made while the backup ran: its number, its devices, when the desk had its answer. */
    record Lent(String number, List<String> tags, long answeredAt) {
    }

    @Test
    void aBackupTakenWhileDesksLendIsWholeAndServesAgain() throws Exception {
        Jdbi live = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl());
        Map<String, Set<String>> filled = live.inTransaction(BackupIT::rows);

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Lent> lent = new ConcurrentLinkedQueue<>();
        ExecutorService desks = Executors.newFixedThreadPool(DESKS);
        List<Future<Integer>> failures = new ArrayList<>();
        for (int d = 0; d < DESKS; d++) {
            int deskNumber = d;
            failures.add(desks.submit(() -> lendUntil(stop, deskNumber, lent)));
        }
        Path target = Files.createDirectories(FOLDER.resolve("backups")).resolve("lending.db");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lent.size() < 2 * DESKS) {
                assertThat(System.nanoTime()).as("the desks' first loans within a minute").isLessThan(deadline);
                Thread.sleep(20);
            }
            // every row committed now must be in the copy
            Map<String, Set<String>> keysAtStart = live.inTransaction(BackupIT::keys);
            long start = System.nanoTime();
            Run backup = backup(APP.getConfiguration().getDataSourceFactory().getUrl(), target);
            long end = System.nanoTime();
            assertThat(backup.exit()).as(backup.toString()).isZero();
            assertThat(backup.out()).contains("Backed up", target.toString(), "integrity check: ok", "Foreign keys: ok.")
                    .containsPattern("agreements +\\d+");
            Thread.sleep(200);
            stop.set(true);
            for (Future<Integer> failed : failures) {
                assertThat(failed.get(60, TimeUnit.SECONDS)).as("desk requests that failed").isZero();
            }
            assertThat(lent).as("desks kept lending while the backup ran")
                    .anyMatch(l -> l.answeredAt() > start && l.answeredAt() < end);
            assertThat(files(target.getParent())).as("no temporary file is left").containsExactly(target);

            Jdbi copy = Jdbi.create("jdbc:sqlite:" + target);
            copy.useHandle(handle -> {
                assertThat(handle.createQuery("PRAGMA integrity_check").mapTo(String.class).list()).containsExactly("ok");
                assertThat(handle.createQuery("PRAGMA foreign_key_check").mapToMap().list()).isEmpty();
                Map<String, Set<String>> copied = rows(handle);
                filled.forEach((table, rows) -> assertThat(copied.get(table)).as(table).containsAll(rows));
                Map<String, Set<String>> copiedKeys = keys(handle);
                keysAtStart.forEach((table, keys) -> assertThat(copiedKeys.get(table)).as(table).containsAll(keys));
                // the copy is one instant: each agreement there has all its loans, each device lent its open loan
                for (Lent agreement : lent) {
                    List<String> tags = handle.createQuery("""
                            SELECT d.asset_tag FROM agreements a JOIN loans l ON l.agreement_id = a.id
                            JOIN devices d ON d.id = l.device_id WHERE a.number = :number ORDER BY d.asset_tag""")
                            .bind("number", agreement.number()).mapTo(String.class).list();
                    if (agreement.answeredAt() < start) {
                        assertThat(tags).as(agreement.number()).isNotEmpty();
                    }
                    if (!tags.isEmpty()) {
                        assertThat(tags).as(agreement.number()).containsExactlyElementsOf(agreement.tags());
                    }
                }
                assertThat(handle.createQuery("""
                        SELECT COUNT(*) FROM devices d WHERE (d.status = 'ON_LOAN') <> EXISTS (SELECT 1 FROM loans l
                        WHERE l.device_id = d.id AND l.returned_at IS NULL AND l.lost_at IS NULL)""")
                        .mapTo(Long.class).one()).as("devices whose status and open loan disagree").isZero();
            });

            restoreAndServe(target);
        } finally {
            stop.set(true);
            desks.shutdownNow();
        }
    }

    /** A desk lending a laptop and a headset after another, until stopped; returns its failed requests. */
    static int lendUntil(AtomicBoolean stop, int deskNumber, ConcurrentLinkedQueue<Lent> lent) {
        int failed = 0;
        for (int n = 0; !stop.get(); n++) {
            List<String> tags = new ArrayList<>();
            for (String kind : List.of("HEADSET", "LAPTOP")) {
                Reply device = desk.post("/api/establishments/" + COLLEGE + "/devices", Builders.device(kind));
                if (device.status() != 201) {
                    failed++;
                    continue;
                }
                tags.add(device.json().path("assetTag").asText());
            }
            Reply agreement = desk.post("/api/agreements", Builders.agreement(families.get(deskNumber), COLLEGE, tags,
                    "desk-" + deskNumber + "-" + n));
            if (agreement.status() != 201) {
                failed++;
                continue;
            }
            long answeredAt = System.nanoTime();
            lent.add(new Lent(agreement.json().path("number").asText(), tags.stream().sorted().toList(), answeredAt));
        }
        return failed;
    }

    /** docs/operations.md's restore: the copy becomes the database of a new service, with the same secret file. */
    static void restoreAndServe(Path backup) throws Exception {
        Path folder = TestApp.newFolder();
        Files.copy(backup, folder.resolve("lending.db"));
        Files.copy(FOLDER.resolve("lending.secret"), folder.resolve("lending.secret"));
        DropwizardAppExtension<LendingConfiguration> restored = new DropwizardAppExtension<>(LendingApplication.class,
                TestApp.CONFIG, TestApp.overridesOnEmptyDatabase(folder));
        restored.before();
        try {
            Api api = new Api(restored);
            for (Map.Entry<String, String> record : shown.entrySet()) {
                Reply reply = api.get(record.getKey());
                assertThat(reply.status()).as(record.getKey()).isEqualTo(200);
                assertThat(reply.text()).as(record.getKey()).isEqualTo(record.getValue());
            }
            Api restoredDesk = api.as(deskToken);
            assertThat(restoredDesk.get("/api/agreements?uai=" + COLLEGE + "&limit=500").status())
                    .as("a desk's token still works with the secret file kept beside").isEqualTo(200);
            String tag = restoredDesk.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json()
                    .path("assetTag").asText();
            assertThat(restoredDesk.post("/api/agreements", Builders.agreement(families.get(5), COLLEGE, List.of(tag),
                    "after-restore")).status()).as("the restored service lends").isEqualTo(201);
        } finally {
            restored.after();
        }
    }

    @Test
    void anExistingBackupIsReplacedOnlyWithForce() throws Exception {
        Path target = Files.createDirectories(FOLDER.resolve("twice")).resolve("lending.db");
        Files.writeString(target, "an older backup");
        Run refused = backup(APP.getConfiguration().getDataSourceFactory().getUrl(), target);
        assertOneSentence(refused, "already exists");
        assertThat(target).hasContent("an older backup");

        Run forced = backup(APP.getConfiguration().getDataSourceFactory().getUrl(), target, "--force");
        assertThat(forced.exit()).as(forced.toString()).isZero();
        long agreements = Jdbi.create("jdbc:sqlite:" + target).withHandle(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM agreements").mapTo(Long.class).one());
        assertThat(agreements).isPositive();
        assertThat(files(target.getParent())).containsExactly(target);
    }

    @Test
    void aMissingFolderIsRefused() throws Exception {
        Path target = FOLDER.resolve("no-such-folder").resolve("lending.db");
        assertOneSentence(backup(APP.getConfiguration().getDataSourceFactory().getUrl(), target), "does not exist");
        assertThat(FOLDER.resolve("no-such-folder")).doesNotExist();
    }

    @Test
    void postgresqlIsSentToItsOwnTools() throws Exception {
        Path target = Files.createDirectories(FOLDER.resolve("pg")).resolve("lending.db");
        Run refused = backup("jdbc:postgresql://127.0.0.1:5432/test", target, "-Ddw.database.driverClass=org.postgresql.Driver");
        assertOneSentence(refused, "pg_dump");
        assertThat(files(target.getParent())).isEmpty();
    }

    static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    static void assertOneSentence(Run run, String saying) {
        assertThat(run.exit()).as(run.toString()).isNotZero();
        assertThat(run.err().strip()).as(run.toString()).contains(saying).doesNotContain("\n", "Exception").endsWith(".");
    }

    /** What a child process printed and how it ended. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** {@code java -jar service.jar backup config.yml <target>}, on the database of {@code url}. */
    static Run backup(String url, Path target, String... more) throws Exception {
        assertThat(JAR).as("the shaded jar, built by mvn verify's package phase").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddw.database.url=" + url, "-Ddw.logging.level=WARN"));
        Stream.of(more).filter(option -> option.startsWith("-D")).forEach(command::add);
        command.addAll(List.of("-jar", JAR.toString(), "backup", TestApp.CONFIG, target.toString()));
        Stream.of(more).filter(option -> !option.startsWith("-D")).forEach(command::add);
        Path out = Files.createTempFile(FOLDER, "backup-", ".out");
        Path err = Files.createTempFile(FOLDER, "backup-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the backup ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Every row of every table, each written out whole (blobs by their digest). */
    static Map<String, Set<String>> rows(Handle handle) {
        Map<String, Set<String>> rows = new TreeMap<>();
        for (String table : tables(handle)) {
            Set<String> written = new HashSet<>();
            for (Map<String, Object> row : handle.createQuery("SELECT * FROM " + table).mapToMap().list()) {
                StringBuilder line = new StringBuilder();
                new TreeMap<>(row).forEach((column, value) -> line.append(column).append('=')
                        .append(value instanceof byte[] bytes ? digest(bytes) : String.valueOf(value)).append('|'));
                written.add(line.toString());
            }
            rows.put(table, written);
        }
        return rows;
    }

    /** The row ids of every table. */
    static Map<String, Set<String>> keys(Handle handle) {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (String table : tables(handle)) {
            keys.put(table, new HashSet<>(handle.createQuery("SELECT rowid FROM " + table).mapTo(String.class).list()));
        }
        return keys;
    }

    static List<String> tables(Handle handle) {
        List<String> tables = handle.createQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .mapTo(String.class).list();
        assertThat(tables).contains("agreements", "loans", "returns", "devices", "families", "diagnostics", "users",
                "audit_log", "catchments", "enrolments", "repairs", "agreement_documents", "sessions");
        return tables;
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
