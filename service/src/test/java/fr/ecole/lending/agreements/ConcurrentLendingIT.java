package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Desks that click at the same moment: the database, not luck, decides who lends. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConcurrentLendingIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final int DESKS = 16;
    static Api api;

    @BeforeAll
    static void client() {
        api = new Api(APP);
    }

    /** Sends one request per desk, all released together; returns the replies. */
    static List<Reply> atOnce(IntFunction<Map<String, Object>> bodyOfDesk) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(DESKS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int desk = 0; desk < DESKS; desk++) {
                Map<String, Object> body = bodyOfDesk.apply(desk);
                Callable<Reply> call = () -> {
                    start.await();
                    return api.post("/api/agreements", body);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(String sql, String tag) {
        Jdbi jdbi = Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl());
        return jdbi.withHandle(handle -> handle.createQuery(sql).bind("tag", tag).mapTo(Long.class).one());
    }

    @Test
    void sixteenDesksLendingTheSameDeviceMakeExactlyOneLoan() throws Exception {
        String tag = api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText();
        List<Long> families = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            families.add(api.post("/api/families", Builders.family("Famille " + i, COLLEGE)).json().path("id").asLong());
        }
        List<Reply> replies = atOnce(desk -> Builders.agreement(families.get(desk), COLLEGE, List.of(tag), "desk-" + desk));

        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> {
                    assertThat(r.status()).as(r.text()).isEqualTo(409);
                    assertThat(r.error()).isEqualTo("device_unavailable");
                });
        assertThat(count("SELECT COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = :tag", tag))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM agreements a JOIN loans l ON l.agreement_id = a.id "
                + "JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = :tag", tag)).isEqualTo(1);
    }

    @Test
    void sixteenSendingsOfOneRequestMakeOneAgreement() throws Exception {
        String tag = api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText();
        long family = api.post("/api/families", Builders.family("Famille pressée", COLLEGE)).json().path("id").asLong();
        Map<String, Object> body = Builders.agreement(family, COLLEGE, List.of(tag), "same-click");
        List<Reply> replies = atOnce(desk -> body);

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(201));
        assertThat(replies).extracting(r -> r.json().path("number").asText()).containsOnly(
                replies.get(0).json().path("number").asText());
        assertThat(count("SELECT COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = :tag", tag))
                .isEqualTo(1);
    }

    /**
     * Bundles that share devices, named in opposite orders: on PostgreSQL each check-out locks its devices
     * in one fixed order, so no two wait for each other in a circle; every device is lent once, and every
     * other desk hears which one is taken (a 409), never a failure of the service.
     */
    @Test
    void bundlesSharingDevicesInOppositeOrdersLendEachDeviceOnce() throws Exception {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tags.add(api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText());
        }
        List<Long> families = new ArrayList<>();
        for (int i = 0; i < DESKS; i++) {
            families.add(api.post("/api/families", Builders.family("Famille croisée " + i, COLLEGE)).json().path("id").asLong());
        }
        // desks ask for two of the three devices each, half of them in reverse order
        List<Reply> replies = atOnce(desk -> {
            List<String> bundle = new ArrayList<>(List.of(tags.get(desk % 3), tags.get((desk + 1) % 3)));
            if (desk % 2 == 1) {
                java.util.Collections.reverse(bundle);
            }
            return Builders.agreement(families.get(desk), COLLEGE, bundle, "crossed-" + desk);
        });

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(201, 409));
        assertThat(replies).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.error()).isEqualTo("device_unavailable"));
        // two devices in each bundle, three devices: exactly one bundle can be lent
        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(1);
        for (String tag : tags) {
            assertThat(count("SELECT COUNT(*) FROM loans l JOIN devices d ON d.id = l.device_id WHERE d.asset_tag = :tag",
                    tag)).isLessThanOrEqualTo(1);
        }
    }

    /**
     * On PostgreSQL the check-out runs at READ COMMITTED: an erasure or a retention purge (serializable)
     * that read the family before a loan to it committed must fail when it writes the family, and run
     * again to see the loan, rather than anonymise a family with a device out. The check-out writes the
     * family's row for that; a lock alone would be gone by then.
     */
    @Test
    void aSerializableWriteThatReadTheFamilyBeforeALoanCommittedFailsAtItsOwnWrite() throws Exception {
        String url = APP.getConfiguration().getDataSourceFactory().getUrl();
        org.junit.jupiter.api.Assumptions.assumeTrue(url.startsWith("jdbc:postgresql:"), "SQLite has one writer");
        String tag = api.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json().path("assetTag").asText();
        long family = api.post("/api/families", Builders.family("Famille effacée", COLLEGE)).json().path("id").asLong();
        try (java.sql.Connection erasure = java.sql.DriverManager.getConnection(url)) {
            erasure.setAutoCommit(false);
            erasure.setTransactionIsolation(java.sql.Connection.TRANSACTION_SERIALIZABLE);
            try (java.sql.PreparedStatement read = erasure.prepareStatement(
                    "SELECT COUNT(*) FROM agreements WHERE family_id = ? AND status = 'ACTIVE'")) {
                read.setLong(1, family);
                try (java.sql.ResultSet rows = read.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isZero();
                }
            }
            assertThat(api.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag), "before-erasure"))
                    .status()).isEqualTo(201);
            try (java.sql.PreparedStatement anonymise = erasure.prepareStatement(
                    "UPDATE families SET anonymised_at = 1 WHERE id = ?")) {
                anonymise.setLong(1, family);
                assertThatThrownBy(anonymise::executeUpdate).isInstanceOfSatisfying(java.sql.SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("40001"));
            } finally {
                erasure.rollback();
            }
        }
    }
}
