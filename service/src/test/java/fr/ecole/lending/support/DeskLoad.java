package fr.ecole.lending.support;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
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

/**
 * Desks lending and taking back the same devices at once, in bundles of one to three, on one instance
 * of the service or on several that share a database; each desk has a user and connections of its own,
 * on one instance. Afterwards every device, loan and agreement must agree with the others, as the
 * database holds them and as each instance's API shows them, and no desk may have seen a 5xx or a
 * surprising 409.
 */
public final class DeskLoad {
    private static final int FAMILIES = 16;
    private static final String[] KINDS = {"LAPTOP", "LAPTOP", "DONGLE_4G", "HEADSET"};
    /** Every agreement of the desks carries it: the database is counted by it. */
    private static final String KEY_PREFIX = "desk-load-";

    private final String name;
    private final List<DropwizardAppExtension<LendingConfiguration>> instances;
    private final int desksPerInstance;
    private final int devices;
    private final Duration load;
    private final List<Api> admins = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final List<Long> families = new ArrayList<>();
    /** One a desk, bound to its instance. */
    private final List<Api> desks = new ArrayList<>();

    /**
     * {@code desksPerInstance} desks on each of {@code instances} (all on one database), lending
     * {@code devices} devices of one collège for {@code load}; {@code name} heads what it prints.
     */
    public DeskLoad(String name, List<DropwizardAppExtension<LendingConfiguration>> instances, int desksPerInstance,
                    int devices, Duration load) {
        this.name = name;
        this.instances = instances;
        this.desksPerInstance = desksPerInstance;
        this.devices = devices;
        this.load = load;
    }

    /** An agreement a desk was told was made: its number and the devices it asked for. */
    private record Lent(String number, Set<String> tags) {
    }

    /** A return a desk was told was recorded, and the agreement its receipt named. */
    private record Returned(String assetTag, String agreementNumber) {
    }

    /** Everything the desks saw, gathered from all their threads. */
    private static final class Seen {
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

    /**
     * The collège, its devices and families, and the desks' users, made through the instances in
     * turn: what one instance writes, the others must find.
     */
    public void prepare() {
        for (DropwizardAppExtension<LendingConfiguration> instance : instances) {
            admins.add(new Api(instance));
        }
        assertThat(admins.get(0).importDirectory().status()).isEqualTo(200);
        for (int i = 0; i < devices; i++) {
            Reply device = admins.get(i % admins.size()).post("/api/establishments/" + COLLEGE + "/devices",
                    Builders.device(KINDS[i % KINDS.length]));
            assertThat(device.status()).as(device.text()).isEqualTo(201);
            tags.add(device.json().path("assetTag").asText());
        }
        for (int i = 0; i < FAMILIES; i++) {
            Reply family = admins.get(i % admins.size()).post("/api/families", Builders.family("Famille " + i, COLLEGE));
            assertThat(family.status()).as(family.text()).isEqualTo(201);
            families.add(family.json().path("id").asLong());
        }
        for (int instance = 0; instance < admins.size(); instance++) {
            // each desk's user is made through the next instance: a token one instance gave must open the others
            Api maker = admins.get((instance + 1) % admins.size());
            for (int i = 0; i < desksPerInstance; i++) {
                Reply desk = maker.post("/api/users", Map.of("name", "guichet." + desks.size(), "role", "DESK",
                        "establishments", List.of(COLLEGE)));
                assertThat(desk.status()).as(desk.text()).isEqualTo(201);
                desks.add(admins.get(instance).as(desk.json().path("token").asText()).isolated());
            }
        }
    }

    /** Every desk at work until the time is up; then what they were answered, printed, and every rule checked. */
    public void run() throws Exception {
        Seen seen = new Seen();
        long deadline = System.nanoTime() + load.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(desks.size());
        List<Future<?>> running = new ArrayList<>();
        for (int desk = 0; desk < desks.size(); desk++) {
            int number = desk;
            running.add(threads.submit(() -> {
                work(number, desks.get(number), deadline, seen);
                return null;
            }));
        }
        try {
            for (Future<?> desk : running) {
                // a desk that could not reach the service at all fails the test here
                desk.get();
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.println(name + ": answers by action and status: " + summary(seen));

        assertThat(seen.unexpected).as("answers no desk should get").isEmpty();
        assertThat(seen.lent).as("agreements made").isNotEmpty();
        assertThat(seen.returned).as("returns recorded").isNotEmpty();

        String url = instances.get(0).getConfiguration().getDataSourceFactory().getUrl();
        assertThat(LendingChecks.violations(url)).as("rules broken in the database").isEmpty();
        Map<String, Set<String>> lentByNumber = new HashMap<>();
        for (Lent lent : seen.lent) {
            Set<String> earlier = lentByNumber.putIfAbsent(lent.number(), lent.tags());
            assertThat(earlier == null ? lent.tags() : earlier).as("the devices of " + lent.number()).isEqualTo(lent.tags());
            assertThat(LendingChecks.tagsOf(url, lent.number())).as("the loans of " + lent.number() + " in the database")
                    .contains(lent.tags());
        }
        assertThat(LendingChecks.count(url, "SELECT COUNT(*) FROM agreements WHERE idempotency_key LIKE '"
                + KEY_PREFIX + "%'")).as("agreements in the database, each made once and acknowledged")
                .isEqualTo(lentByNumber.size());
        for (Returned returned : seen.returned) {
            assertThat(LendingChecks.returned(url, returned.agreementNumber(), returned.assetTag()))
                    .as("the return of " + returned).isTrue();
        }
        for (int i = 0; i < admins.size(); i++) {
            theApiShowsTheSame(admins.get(i), "instance " + (i + 1), lentByNumber, seen);
        }
    }

    /** The same rules, read through one instance's API: devices, their open loans and the agreements that hold them. */
    private void theApiShowsTheSame(Api admin, String instance, Map<String, Set<String>> lentByNumber, Seen seen) {
        Map<String, List<String>> openLoansByTag = new HashMap<>();
        Map<String, Map<String, JsonNode>> loansByNumber = new HashMap<>();
        for (Map.Entry<String, Set<String>> lent : lentByNumber.entrySet()) {
            Reply agreement = admin.get("/api/agreements/" + lent.getKey());
            assertThat(agreement.status()).as(instance + ": " + agreement.text()).isEqualTo(200);
            Map<String, JsonNode> loans = new LinkedHashMap<>();
            agreement.json().path("loans").forEach(loan -> loans.put(loan.path("assetTag").asText(), loan));
            loansByNumber.put(lent.getKey(), loans);
            assertThat(loans.keySet()).as(instance + ": the loans of " + lent.getKey()).isEqualTo(lent.getValue());
            long open = loans.values().stream().filter(loan -> loan.path("returnedAt").isNull()
                    && loan.path("lostAt").isNull()).count();
            assertThat(agreement.json().path("status").asText()).as(instance + ": " + agreement.text())
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
                    .as(instance + ": the return of " + returned + " as the agreement shows it").isFalse();
        }
        for (String tag : tags) {
            Reply device = admin.get("/api/devices/" + tag);
            assertThat(device.status()).as(instance + ": " + device.text()).isEqualTo(200);
            List<String> open = openLoansByTag.getOrDefault(tag, List.of());
            assertThat(open).as(instance + ": agreements with an open loan of " + tag).hasSizeLessThanOrEqualTo(1);
            String status = device.json().path("status").asText();
            if (open.isEmpty()) {
                assertThat(status).as(instance + ": " + device.text()).isIn("AVAILABLE", "IN_REPAIR");
                assertThat(device.json().path("openLoan").isNull()).as(instance + ": " + device.text()).isTrue();
            } else {
                assertThat(status).as(instance + ": " + device.text()).isEqualTo("ON_LOAN");
                assertThat(device.json().path("openLoan").path("agreementNumber").asText())
                        .as(instance + ": " + device.text()).isEqualTo(open.get(0));
            }
        }
    }

    /** One desk: lends, takes back, wipes and sends back from repair, at random, until {@code deadline}. */
    private void work(int desk, Api api, long deadline, Seen seen) {
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
                        sameNumber(again, first.json().path("number").asText(), seen);
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

    private static void sameNumber(Reply reply, String number, Seen seen) {
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
}
