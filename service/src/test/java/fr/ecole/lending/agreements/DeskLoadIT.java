package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.LendingChecks.change;
import static fr.ecole.lending.support.LendingChecks.violationsAfter;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.LendingChecks;
import fr.ecole.lending.support.LendingChecks.Change;
import fr.ecole.lending.support.Replies;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 64 desks lending and taking back the same 40 devices for 10 seconds, in bundles of one to three:
 * afterwards every device, loan and agreement must agree with the others, both as the API shows
 * them and as the database holds them, and no desk may have seen a 5xx or a surprising 409.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeskLoadIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final int DESKS = 64;
    static final int DEVICES = 40;
    static final int FAMILIES = 16;
    static final Duration LOAD = Duration.ofSeconds(10);
    static final String[] KINDS = {"LAPTOP", "LAPTOP", "DONGLE_4G", "HEADSET"};
    static final String KEY_PREFIX = "desk-load-";

    static Api admin;
    static final List<String> tags = new ArrayList<>();
    static final List<Long> families = new ArrayList<>();
    static final List<String> deskTokens = new ArrayList<>();

    /** An agreement a desk was told was made: its number and the devices it asked for. */
    record Lent(String number, Set<String> tags) {
    }

    /** A return a desk was told was recorded, and the agreement its receipt named. */
    record Returned(String assetTag, String agreementNumber) {
    }

    /** Everything the desks saw, gathered from all their threads. */
    static final class Seen {
        final Queue<Lent> lent = new ConcurrentLinkedQueue<>();
        final Queue<Returned> returned = new ConcurrentLinkedQueue<>();
        final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        final Map<String, Queue<Integer>> statuses = new TreeMap<>();

        Seen() {
            for (String action : List.of("lend", "lend again", "return", "wipe", "repair back")) {
                statuses.put(action, new ConcurrentLinkedQueue<>());
            }
        }

        Reply check(String action, Reply reply, int success, Set<String> conflicts) {
            statuses.get(action).add(reply.status());
            unexpected.addAll(Replies.unexpected(action, reply, success, conflicts));
            return reply;
        }
    }

    @BeforeAll
    static void collegeWithDesks() {
        admin = new Api(APP);
        assertThat(admin.importDirectory().status()).isEqualTo(200);
        for (int i = 0; i < DEVICES; i++) {
            Reply device = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.device(KINDS[i % KINDS.length]));
            assertThat(device.status()).as(device.text()).isEqualTo(201);
            tags.add(device.json().path("assetTag").asText());
        }
        for (int i = 0; i < FAMILIES; i++) {
            Reply family = admin.post("/api/families", Builders.family("Famille " + i, COLLEGE));
            assertThat(family.status()).as(family.text()).isEqualTo(201);
            families.add(family.json().path("id").asLong());
        }
        for (int i = 0; i < DESKS; i++) {
            Reply desk = admin.post("/api/users", Map.of("name", "guichet." + i, "role", "DESK",
                    "establishments", List.of(COLLEGE)));
            assertThat(desk.status()).as(desk.text()).isEqualTo(201);
            deskTokens.add(desk.json().path("token").asText());
        }
    }

    @Test
    void sixtyFourDesksLendingAndTakingBackFortyDevicesKeepEveryRule() throws Exception {
        Seen seen = new Seen();
        long deadline = System.nanoTime() + LOAD.toNanos();
        ExecutorService desks = Executors.newFixedThreadPool(DESKS);
        List<Future<?>> running = new ArrayList<>();
        for (int desk = 0; desk < DESKS; desk++) {
            int number = desk;
            running.add(desks.submit(() -> {
                work(number, admin.as(deskTokens.get(number)).isolated(), deadline, seen);
                return null;
            }));
        }
        try {
            for (Future<?> desk : running) {
                // a desk that could not reach the service at all fails the test here
                desk.get();
            }
        } finally {
            desks.shutdownNow();
        }
        System.out.println("DeskLoadIT: answers by action and status: " + summary(seen));

        assertThat(seen.unexpected).as("answers no desk should get").isEmpty();
        assertThat(seen.lent).as("agreements made").isNotEmpty();
        assertThat(seen.returned).as("returns recorded").isNotEmpty();

        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        assertThat(LendingChecks.violations(url)).as("rules broken in the database").isEmpty();
        Map<String, Set<String>> lentByNumber = new HashMap<>();
        for (Lent lent : seen.lent) {
            Set<String> earlier = lentByNumber.putIfAbsent(lent.number(), lent.tags());
            assertThat(earlier == null ? lent.tags() : earlier).as("the devices of " + lent.number()).isEqualTo(lent.tags());
            assertThat(LendingChecks.tagsOf(url, lent.number())).as("the loans of " + lent.number() + " in the database")
                    .contains(lent.tags());
        }
        assertThat(LendingChecks.count(url, "SELECT COUNT(*) FROM agreements WHERE idempotency_key LIKE 'desk-load-%'")).as("agreements in the database, each made once and acknowledged")
                .isEqualTo(lentByNumber.size());
        for (Returned returned : seen.returned) {
            assertThat(LendingChecks.returned(url, returned.agreementNumber(), returned.assetTag()))
                    .as("the return of " + returned).isTrue();
        }
        theApiShowsTheSame(lentByNumber, seen);
    }

    /** The same rules, read through the API: devices, their open loans and the agreements that hold them. */
    private static void theApiShowsTheSame(Map<String, Set<String>> lentByNumber, Seen seen) {
        Map<String, List<String>> openLoansByTag = new HashMap<>();
        Map<String, Map<String, JsonNode>> loansByNumber = new HashMap<>();
        for (Map.Entry<String, Set<String>> lent : lentByNumber.entrySet()) {
            Reply agreement = admin.get("/api/agreements/" + lent.getKey());
            assertThat(agreement.status()).as(agreement.text()).isEqualTo(200);
            Map<String, JsonNode> loans = new LinkedHashMap<>();
            agreement.json().path("loans").forEach(loan -> loans.put(loan.path("assetTag").asText(), loan));
            loansByNumber.put(lent.getKey(), loans);
            assertThat(loans.keySet()).as("the loans of " + lent.getKey()).isEqualTo(lent.getValue());
            long open = loans.values().stream().filter(loan -> loan.path("returnedAt").isNull()
                    && loan.path("lostAt").isNull()).count();
            assertThat(agreement.json().path("status").asText()).as(agreement.text())
                    .isEqualTo(open == 0 ? "CLOSED" : "ACTIVE");
            loans.forEach((tag, loan) -> {
                if (loan.path("returnedAt").isNull() && loan.path("lostAt").isNull()) {
                    openLoansByTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(lent.getKey());
                }
            });
        }
        for (Returned returned : seen.returned) {
            assertThat(loansByNumber.get(returned.agreementNumber())).as("a receipt names an agreement no desk made: "
                    + returned).isNotNull();
            assertThat(loansByNumber.get(returned.agreementNumber()).get(returned.assetTag()).path("returnedAt").isNull())
                    .as("the return of " + returned + " as the agreement shows it").isFalse();
        }
        for (String tag : tags) {
            Reply device = admin.get("/api/devices/" + tag);
            assertThat(device.status()).as(device.text()).isEqualTo(200);
            List<String> open = openLoansByTag.getOrDefault(tag, List.of());
            assertThat(open).as("agreements with an open loan of " + tag).hasSizeLessThanOrEqualTo(1);
            String status = device.json().path("status").asText();
            if (open.isEmpty()) {
                assertThat(status).as(device.text()).isIn("AVAILABLE", "IN_REPAIR");
                assertThat(device.json().path("openLoan").isNull()).as(device.text()).isTrue();
            } else {
                assertThat(status).as(device.text()).isEqualTo("ON_LOAN");
                assertThat(device.json().path("openLoan").path("agreementNumber").asText()).as(device.text())
                        .isEqualTo(open.get(0));
            }
        }
    }

    /** One desk: lends, takes back, wipes and sends back from repair, at random, until {@code deadline}. */
    private static void work(int desk, Api api, long deadline, Seen seen) {
        Random random = new Random(desk);
        int request = 0;
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            if (dice < 50) {
                Set<String> bundle = new TreeSet<>();
                int size = 1 + random.nextInt(3);
                while (bundle.size() < size) {
                    bundle.add(tags.get(random.nextInt(tags.size())));
                }
                Map<String, Object> body = Builders.agreement(families.get(random.nextInt(families.size())), COLLEGE,
                        List.copyOf(bundle), KEY_PREFIX + desk + "-" + request++);
                Reply first = seen.check("lend", api.post("/api/agreements", body), 201,
                        Set.of("device_unavailable", "not_wiped"));
                noteLent(first, bundle, seen);
                // a desk's double click: the first agreement again, or a fresh one if the first was refused
                if (random.nextInt(5) == 0) {
                    Reply again = seen.check("lend again", api.post("/api/agreements", body), 201,
                            first.status() == 201 ? Set.of() : Set.of("device_unavailable", "not_wiped"));
                    if (first.status() == 201 && again.status() == 201) {
                        assertNumber(again, first.json().path("number").asText(), seen);
                    }
                    noteLent(again, bundle, seen);
                }
            } else if (dice < 90) {
                String tag = tags.get(random.nextInt(tags.size()));
                int roll = random.nextInt(20);
                String condition = roll < 14 ? "GOOD" : roll < 17 ? "DAMAGED" : "BROKEN";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("assetTag", tag);
                body.put("condition", condition);
                body.put("missingAccessories", List.of());
                Reply back = seen.check("return", api.post("/api/returns", body), 200, Set.of("not_on_loan"));
                if (back.status() == 200) {
                    seen.returned.add(new Returned(tag, back.json().path("agreementNumber").asText()));
                    // staff wipe what came back, so that it can be lent again
                    seen.check("wipe", api.post("/api/devices/" + tag + "/wipe", Map.of("note", "Effacé")), 200,
                            Set.of("device_on_loan"));
                }
            } else {
                String tag = tags.get(random.nextInt(tags.size()));
                seen.check("repair back", api.patch("/api/devices/" + tag, Map.of("status", "AVAILABLE",
                        "note", "Réparé")), 200, Set.of("device_on_loan"));
            }
        }
    }

    private static void noteLent(Reply reply, Set<String> bundle, Seen seen) {
        if (reply.status() != 201) {
            return;
        }
        Set<String> loans = new TreeSet<>();
        reply.json().path("loans").forEach(loan -> loans.add(loan.path("assetTag").asText()));
        if (!loans.equals(bundle)) {
            seen.unexpected.add("an agreement lent " + loans + " when " + bundle + " was asked: " + reply.text());
        }
        seen.lent.add(new Lent(reply.json().path("number").asText(), bundle));
    }

    private static void assertNumber(Reply reply, String number, Seen seen) {
        if (!reply.json().path("number").asText().equals(number)) {
            seen.unexpected.add("the same request made a second agreement: " + number + " then " + reply.text());
        }
    }

    private static Map<String, Map<Integer, Integer>> summary(Seen seen) {
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        seen.statuses.forEach((action, statuses) -> statuses.forEach(status ->
                counts.computeIfAbsent(action, a -> new TreeMap<>()).merge(status, 1, Integer::sum)));
        return counts;
    }

    /**
     * The database checks must be able to fail: each rule broken on purpose is reported. The rules are
     * broken in the service's own database, inside a transaction that is rolled back (a copy is not
     * needed, and PostgreSQL cannot copy a database the service holds connections to).
     */
    @Test
    void theChecksCatchABrokenDatabase() {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag")
                    .asText());
        }
        long family = admin.post("/api/families", Builders.family("Famille témoin", COLLEGE)).json().path("id").asLong();
        Reply made = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, own.subList(0, 2), "witness"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String number = made.json().path("number").asText();
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();

        assertThat(violationsAfter(url,
                change("DROP INDEX one_open_loan_per_device"),
                change("INSERT INTO loans (agreement_id, device_id, out_at) SELECT agreement_id, device_id, out_at "
                        + "FROM loans WHERE device_id = (SELECT id FROM devices WHERE asset_tag = ?)", own.get(0))))
                .contains("device " + own.get(0) + " has 2 open loans");
        assertThat(violationsAfter(url,
                change("UPDATE devices SET status = 'AVAILABLE' WHERE asset_tag = ?", own.get(1))))
                .contains("device " + own.get(1) + " is AVAILABLE with 1 open loans");
        assertThat(violationsAfter(url,
                change("UPDATE devices SET status = 'IN_REPAIR' WHERE asset_tag = ?", own.get(2))))
                .contains("device " + own.get(2) + " is IN_REPAIR but has no open repair ticket",
                        "device " + own.get(2) + " is IN_REPAIR but its history says AVAILABLE");
        assertThat(violationsAfter(url,
                change("INSERT INTO agreements (number, family_id, uai, status, due_date, created_by, idempotency_key, "
                        + "request_fingerprint, created_at) SELECT 'AGR-HALF', family_id, uai, 'ACTIVE', due_date, "
                        + "created_by, 'half', 'half', created_at FROM agreements WHERE number = ?", number)))
                .contains("agreement AGR-HALF has no loan", "agreement AGR-HALF was written without its audit entry");
        assertThat(violationsAfter(url,
                change("UPDATE agreements SET status = 'CLOSED', closed_at = created_at WHERE number = ?", number)))
                .contains("agreement " + number + " is CLOSED with 2 open loans");
        List<Change> withoutAudit = new ArrayList<>();
        if (!TestEngine.onPostgresql()) {
            // only SQLite's audit log refuses deletions: its triggers are SQLite changesets (006-access.sql)
            withoutAudit.add(change("DROP TRIGGER audit_log_no_delete"));
        }
        withoutAudit.add(change("DELETE FROM audit_log WHERE entity = 'AGREEMENT' AND entity_id = ?", number));
        assertThat(violationsAfter(url, withoutAudit.toArray(Change[]::new)))
                .contains("agreement " + number + " was written without its audit entry");

        // every break was rolled back
        assertThat(LendingChecks.violations(url)).as("rules broken in the database").isEmpty();
    }
}
