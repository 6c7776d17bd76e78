package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.ChildService;
import fr.ecole.lending.support.LendingChecks;
import fr.ecole.lending.support.Replies;
import fr.ecole.lending.support.TestApp;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service, started from its jar, killed with SIGKILL five times while desks lend and take
 * back, and restarted each time on the same database file. What a desk was told is done stays done;
 * what it never heard about is there whole or not at all; sending it again with the same
 * idempotency key gives the first agreement or a fresh one, never a second. Each kill falls once the
 * writer has committed several desks' writes at once (group commit), among desks still sending them.
 */
// the child service runs on a SQLite file of its own: what a kill leaves of that file is what is tested
@Tag("sqlite-only")
class CrashIT {
    static final int DESKS = 6;
    /**
     * The fleet: at most 134 devices were out or waiting at a kill here (112 on loan), the rest are
     * lent again once back; 300 leave the desks more than twice that, on a machine faster than this one.
     */
    static final int DEVICES = 300;
    static final int FAMILIES = 30;
    /** How long the desks work before each kill: varied, so that the kills land at different moments. */
    static final long[] WORK_MILLIS = {350, 1_800, 900, 2_600, 150};

    ChildService service;

    /** One device out on an agreement. */
    record Loan(String number, String assetTag) {
    }

    /** A lending request whose answer never came: who sent it, and what. */
    record UnansweredLending(String token, Map<String, Object> body, Set<String> tags) {
        String key() {
            return (String) body.get("idempotencyKey");
        }
    }

    /** What the desks were told, and what they sent without hearing back. */
    static final class Ledger {
        final Map<String, Set<String>> agreements = new ConcurrentHashMap<>();
        final Set<Loan> returned = ConcurrentHashMap.newKeySet();
        final Queue<UnansweredLending> unansweredLendings = new ConcurrentLinkedQueue<>();
        final Queue<Loan> unansweredReturns = new ConcurrentLinkedQueue<>();
        final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        int foundWhole;
        int foundAbsent;
    }

    /** Devices a desk may take: lendable ones, and loans to take back; each is given to one desk at a time. */
    record Pool(Queue<String> lendable, Queue<Loan> out) {
    }

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void whatDesksWereToldSurvivesFiveKills() throws Exception {
        Path folder = TestApp.newFolder();
        service = new ChildService(folder);
        String url = LendingChecks.url(service.database());
        service.start();
        College college = collegeWithDesks(service.admin());
        Ledger ledger = new Ledger();

        for (int round = 0; round < WORK_MILLIS.length; round++) {
            Pool pool = pool(url, service.admin());
            AtomicBoolean killing = new AtomicBoolean();
            ExecutorService threads = Executors.newFixedThreadPool(DESKS);
            List<Future<?>> working = new ArrayList<>();
            for (int desk = 0; desk < DESKS; desk++) {
                Random random = new Random(round * 100L + desk);
                String token = college.desks().get(desk);
                String keys = "crash-" + round + "-" + desk + "-";
                working.add(threads.submit(() -> work(service.as(token), token, keys, random, college.families(), pool,
                        killing, ledger)));
            }
            Thread.sleep(WORK_MILLIS[round]);
            JsonNode commits = awaitSharedCommit(service);
            killing.set(true);
            service.kill();
            // devices left to lend at the kill: none left would mean the desks only took back
            System.out.println("CrashIT: kill " + (round + 1) + ", " + pool.lendable().size() + " devices left to lend, "
                    + pool.out().size() + " out; before it " + commits.path("count") + " commits of up to "
                    + commits.path("max") + " writes (mean " + commits.path("mean").asDouble() + ")");
            for (Future<?> desk : working) {
                desk.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(ledger.unexpected).as("answers no desk should get, before kill " + (round + 1)).isEmpty();

            service.start();
            assertThat(LendingChecks.violations(url)).as("rules broken after restart " + (round + 1)).isEmpty();
            assertThat(lost(ledger, url)).as("what desks were told, missing after restart " + (round + 1)).isEmpty();
            sendAgain(ledger, url);
            assertThat(ledger.unexpected).as("answers to requests sent again after restart " + (round + 1)).isEmpty();
            assertThat(LendingChecks.agreements(url).keySet()).as("agreements in the file, each one a desk was told of")
                    .isEqualTo(ledger.agreements.keySet());
        }
        System.out.println("CrashIT: " + ledger.agreements.size() + " agreements and " + ledger.returned.size()
                + " returns acknowledged; unanswered lendings found whole " + ledger.foundWhole + ", absent "
                + ledger.foundAbsent);
        assertThat(ledger.agreements).as("agreements made").isNotEmpty();
        assertThat(ledger.returned).as("returns recorded").isNotEmpty();

        Api admin = service.admin();
        for (Map.Entry<String, Set<String>> agreement : ledger.agreements.entrySet()) {
            Reply shown = admin.get("/api/agreements/" + agreement.getKey());
            assertThat(shown.status()).as(shown.text()).isEqualTo(200);
            Set<String> tags = new TreeSet<>();
            shown.json().path("loans").forEach(loan -> tags.add(loan.path("assetTag").asText()));
            assertThat(tags).as("the loans of " + agreement.getKey() + " through the API").isEqualTo(agreement.getValue());
        }
        service.stop();
        assertThat(LendingChecks.violations(url)).as("rules broken at the end").isEmpty();
        assertThat(lost(ledger, url)).as("what desks were told, missing at the end").isEmpty();

        // the comparison must be able to fail: a copy that lost one loan of an acknowledged agreement
        Path copy = folder.resolve("lost-a-loan.db");
        LendingChecks.copy(url, copy);
        String victim = ledger.agreements.keySet().iterator().next();
        LendingChecks.execute(LendingChecks.url(copy), """
                DELETE FROM loans WHERE id = (SELECT MIN(l.id) FROM loans l JOIN agreements a ON a.id = l.agreement_id
                                              WHERE a.number = ?)""", victim);
        assertThat(lost(ledger, LendingChecks.url(copy))).anyMatch(problem -> problem.contains(victim));
    }

    /**
     * Waits, while the desks work, until the service has committed several writes at once (group
     * commit): the kill then falls among check-outs that share their commits, as it must survive.
     */
    private static JsonNode awaitSharedCommit(ChildService service) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode commits = service.histogram("database-writer.writes-per-commit");
        while (commits.path("max").asLong() < 2) {
            assertThat(System.nanoTime()).as("no commit of several writes within 30 s: " + commits).isLessThan(deadline);
            Thread.sleep(10);
            commits = service.histogram("database-writer.writes-per-commit");
        }
        return commits;
    }

    /** The desks' tokens and the families they lend to. */
    record College(List<String> desks, List<Long> families) {
    }

    /** The directory, families of the collège, its devices and one user per desk. */
    private static College collegeWithDesks(Api admin) {
        assertThat(admin.importDirectory().status()).isEqualTo(200);
        StringBuilder delivery = new StringBuilder("kind;serial;model\n");
        for (int i = 0; i < DEVICES; i++) {
            delivery.append(i % 3 == 2 ? "HEADSET" : "LAPTOP").append(";CRASH").append(i).append(";Modèle de test\n");
        }
        Reply devices = admin.postRaw("/api/establishments/" + COLLEGE + "/imports/devices", "text/csv",
                delivery.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(devices.json().path("created").size()).as(devices.text()).isEqualTo(DEVICES);
        List<Long> families = new ArrayList<>();
        for (int i = 0; i < FAMILIES; i++) {
            Reply family = admin.post("/api/families", Builders.family("Famille " + i, COLLEGE));
            assertThat(family.status()).as(family.text()).isEqualTo(201);
            families.add(family.json().path("id").asLong());
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            Reply desk = admin.post("/api/users", Map.of("name", "guichet." + i, "role", "DESK",
                    "establishments", List.of(COLLEGE)));
            assertThat(desk.status()).as(desk.text()).isEqualTo(201);
            tokens.add(desk.json().path("token").asText());
        }
        return new College(tokens, families);
    }

    /**
     * What the desks may take, as the file says after a restart: devices back but not yet wiped are
     * wiped first (a wipe whose answer was lost), then every lendable device and every open loan.
     */
    private static Pool pool(String url, Api admin) {
        for (List<String> row : LendingChecks.query(url,
                "SELECT asset_tag FROM devices WHERE status = 'AVAILABLE' AND needs_wipe")) {
            Reply wiped = admin.post("/api/devices/" + row.get(0) + "/wipe", Map.of("note", "Effacé"));
            assertThat(wiped.status()).as(wiped.text()).isEqualTo(200);
        }
        Queue<String> lendable = new ConcurrentLinkedQueue<>();
        LendingChecks.query(url, "SELECT asset_tag FROM devices WHERE status = 'AVAILABLE' AND held_at IS NULL")
                .forEach(row -> lendable.add(row.get(0)));
        Queue<Loan> out = new ConcurrentLinkedQueue<>();
        LendingChecks.query(url, """
                SELECT a.number, d.asset_tag FROM loans l JOIN agreements a ON a.id = l.agreement_id
                JOIN devices d ON d.id = l.device_id WHERE l.returned_at IS NULL AND l.lost_at IS NULL""")
                .forEach(row -> out.add(new Loan(row.get(0), row.get(1))));
        return new Pool(lendable, out);
    }

    /**
     * One desk until the kill: takes back an open loan (then wipes the device) about half the time,
     * otherwise lends one to three devices. A request cut by the kill is noted, and the desk stops.
     */
    private static Void work(Api api, String token, String keys, Random random, List<Long> families, Pool pool,
                             AtomicBoolean killing, Ledger ledger) {
        int request = 0;
        while (!killing.get()) {
            Loan loan = random.nextBoolean() ? pool.out().poll() : null;
            try {
                if (loan != null) {
                    giveBack(api, loan, random, pool, ledger);
                    continue;
                }
                Set<String> bundle = new TreeSet<>();
                for (int size = 1 + random.nextInt(3); bundle.size() < size; ) {
                    String tag = pool.lendable().poll();
                    if (tag == null) {
                        break;
                    }
                    bundle.add(tag);
                }
                if (bundle.isEmpty()) {
                    Thread.onSpinWait();
                    continue;
                }
                Map<String, Object> body = Builders.agreement(families.get(random.nextInt(families.size())), COLLEGE,
                        List.copyOf(bundle), keys + request++);
                try {
                    Reply made = api.post("/api/agreements", body);
                    ledger.unexpected.addAll(Replies.unexpected("lend", made, 201, Set.of()));
                    if (made.status() == 201) {
                        String number = made.json().path("number").asText();
                        ledger.agreements.put(number, bundle);
                        bundle.forEach(tag -> pool.out().add(new Loan(number, tag)));
                    }
                } catch (UncheckedIOException cut) {
                    ledger.unansweredLendings.add(new UnansweredLending(token, body, bundle));
                    throw cut;
                }
            } catch (UncheckedIOException cut) {
                if (!killing.get()) {
                    ledger.unexpected.add("no answer while the service was running: " + cut);
                }
                return null;
            }
        }
        return null;
    }

    private static void giveBack(Api api, Loan loan, Random random, Pool pool, Ledger ledger) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", loan.assetTag());
        body.put("condition", random.nextInt(10) == 0 ? "BROKEN" : "GOOD");
        body.put("missingAccessories", List.of());
        Reply back;
        try {
            back = api.post("/api/returns", body);
        } catch (UncheckedIOException cut) {
            ledger.unansweredReturns.add(loan);
            throw cut;
        }
        ledger.unexpected.addAll(Replies.unexpected("return", back, 200, Set.of()));
        if (back.status() != 200) {
            return;
        }
        ledger.returned.add(loan);
        if (!loan.number().equals(back.json().path("agreementNumber").asText())) {
            ledger.unexpected.add("the return of " + loan + " names another agreement: " + back.text());
        }
        Reply wiped = api.post("/api/devices/" + loan.assetTag() + "/wipe", Map.of("note", "Effacé"));
        ledger.unexpected.addAll(Replies.unexpected("wipe", wiped, 200, Set.of()));
        if ("GOOD".equals(body.get("condition")) && wiped.status() == 200) {
            pool.lendable().add(loan.assetTag());
        }
    }

    /** What the file lacks of what the desks were told: agreements and their exact loans, and returns. */
    private static List<String> lost(Ledger ledger, String url) {
        List<String> lost = new ArrayList<>();
        Map<String, Set<String>> stored = LendingChecks.agreements(url);
        ledger.agreements.forEach((number, tags) -> {
            if (!tags.equals(stored.get(number))) {
                lost.add("agreement " + number + " was acknowledged with " + tags + " and is "
                        + Objects.toString(stored.get(number), "absent") + " in the file");
            }
        });
        Set<Loan> returned = new HashSet<>();
        LendingChecks.query(url, """
                SELECT a.number, d.asset_tag FROM loans l JOIN agreements a ON a.id = l.agreement_id
                JOIN devices d ON d.id = l.device_id JOIN returns r ON r.loan_id = l.id WHERE l.returned_at IS NOT NULL""")
                .forEach(row -> returned.add(new Loan(row.get(0), row.get(1))));
        ledger.returned.stream().filter(loan -> !returned.contains(loan))
                .forEach(loan -> lost.add("the return of " + loan + " was acknowledged and is not in the file"));
        return lost;
    }

    /**
     * Requests cut by the kill: each is in the file whole or not at all, and sent again with the same
     * key it gives back that agreement, or makes it now; a return is taken, or refused as done.
     */
    private void sendAgain(Ledger ledger, String url) {
        Map<String, Api> desks = new HashMap<>();
        for (UnansweredLending lending; (lending = ledger.unansweredLendings.poll()) != null; ) {
            Optional<Map.Entry<String, Set<String>>> found = LendingChecks.agreementOfKey(url, lending.key());
            if (found.isPresent()) {
                ledger.foundWhole++;
                if (!found.get().getValue().equals(lending.tags())) {
                    ledger.unexpected.add("a cut request for " + lending.tags() + " left " + found.get());
                }
            } else {
                ledger.foundAbsent++;
            }
            Reply again = desks.computeIfAbsent(lending.token(), service::as).post("/api/agreements", lending.body());
            ledger.unexpected.addAll(Replies.unexpected("lend again", again, 201, Set.of()));
            String number = again.json().path("number").asText();
            if (found.isPresent() && !found.get().getKey().equals(number)) {
                ledger.unexpected.add("sent again, " + lending.key() + " made " + number + " beside " + found.get());
            }
            if (found.isEmpty() && ledger.agreements.containsKey(number)) {
                ledger.unexpected.add("sent again, " + lending.key() + " answered an older agreement " + number);
            }
            if (again.status() == 201) {
                ledger.agreements.put(number, lending.tags());
            }
        }
        for (Loan loan; (loan = ledger.unansweredReturns.poll()) != null; ) {
            boolean done = LendingChecks.returned(url, loan.number(), loan.assetTag());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("assetTag", loan.assetTag());
            body.put("condition", "GOOD");
            body.put("missingAccessories", List.of());
            Reply again = desks.computeIfAbsent(TestApp.ADMIN_TOKEN, service::as).post("/api/returns", body);
            ledger.unexpected.addAll(Replies.unexpected("return again", again, 200, Set.of("not_on_loan")));
            if (done && again.status() != 409 || !done && again.status() != 200) {
                ledger.unexpected.add("the return of " + loan + (done ? ", in the file, " : ", not in the file, ")
                        + "sent again answered " + again);
            }
            ledger.returned.add(loan);
        }
    }
}
