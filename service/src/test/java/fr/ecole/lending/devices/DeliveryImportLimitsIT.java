package fr.ecole.lending.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.db.HeldWriter;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.LendingChecks;
import fr.ecole.lending.support.RawHttp;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, finding 5: a 66 MB delivery CSV (2.6 million rows) held the one writer for 38 s, grew the
 * service to 2.8 GB and was answered with 339 MB. A delivery has at most 5,000 devices (413 beyond,
 * before anything is written), reading stops after 100 refused lines, the devices are written by
 * batches between which other desks write, and the answer lists the first 20 refusals only.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeliveryImportLimitsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    /** Collèges of the fixture directory, one per test, so that each test counts its own pool. */
    static final String TOO_MANY = "0350027P";
    static final String BAD_LINES = "0350033W";
    static final String LARGE = "0350044H";
    static final String ELSEWHERE = "0350773A";
    static final String AGAIN = "0350734H";
    static Api admin;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
    }

    /** A delivery of {@code rows} laptops with serials of their own, after {@code prefix} lines. */
    static byte[] delivery(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("kind;serial;model;accessories\n").append(prefix);
        String batch = "LIV" + System.nanoTime() + "-";
        for (int i = 0; i < rows; i++) {
            csv.append("LAPTOP;").append(batch).append(i).append(";Lenovo ThinkPad L13;chargeur\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Reply send(Api desk, String uai, byte[] csv) {
        return desk.postRaw("/api/establishments/" + uai + "/imports/devices", "text/csv", csv);
    }

    static int poolSize(String uai) {
        return admin.get("/api/establishments/" + uai + "/devices?limit=500").json().path("items").size();
    }

    @Test
    void fiveThousandAndOneRowsAreRefusedWith413AndNothingIsWritten() {
        Reply refused = send(admin.desk(TOO_MANY), TOO_MANY, delivery("", 5_001));
        assertThat(refused.status()).as(refused.text()).isEqualTo(413);
        assertThat(refused.error()).isEqualTo("too_many_rows");
        assertThat(refused.json().path("message").asText()).as("names the limit").contains("5 000");
        assertThat(poolSize(TOO_MANY)).isZero();
    }

    @Test
    void aFileOfBadLinesIsReadUpToTheHundredthRefusalAndAnsweredInAFewLines() {
        String bad = "PHONE;X;Modèle inconnu\n".repeat(1_000);
        Reply stopped = send(admin.desk(BAD_LINES), BAD_LINES, delivery(bad, 3));
        assertThat(stopped.status()).as(stopped.text()).isEqualTo(200);
        JsonNode answer = stopped.json();
        assertThat(answer.path("stopped").path("error").asText()).isEqualTo("too_many_rejections");
        assertThat(answer.path("stopped").path("line").asInt()).as("the 100th bad line").isEqualTo(101);
        assertThat(answer.path("stopped").path("message").asText()).contains("101");
        assertThat(answer.path("rejectedCount").asInt()).isEqualTo(100);
        assertThat(answer.path("rejected")).hasSize(20);
        assertThat(answer.path("created")).isEmpty();
        assertThat(stopped.text().length()).as("a few kilobytes, whatever the file").isLessThan(10_000);
        assertThat(poolSize(BAD_LINES)).as("a file stopped is not written").isZero();

        Reply fewBad = send(admin.desk(BAD_LINES), BAD_LINES, delivery("PHONE;X;Modèle inconnu\n".repeat(50), 10));
        assertThat(fewBad.status()).as(fewBad.text()).isEqualTo(200);
        assertThat(fewBad.json().path("created")).hasSize(10);
        assertThat(fewBad.json().path("rejectedCount").asInt()).isEqualTo(50);
        assertThat(fewBad.json().path("rejected")).hasSize(20);
        assertThat(fewBad.json().path("stopped").isNull()).isTrue();
    }

    @Test
    void theSameFileSentAgainCreatesNothingMore() {
        Api desk = admin.desk(AGAIN);
        byte[] csv = delivery("", 12);
        assertThat(send(desk, AGAIN, csv).json().path("created")).hasSize(12);
        Reply again = send(desk, AGAIN, csv);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().path("created")).isEmpty();
        assertThat(again.json().path("alreadyRegistered").asInt()).isEqualTo(12);
        assertThat(again.json().path("rejected")).isEmpty();
        assertThat(poolSize(AGAIN)).isEqualTo(12);
    }

    /** Announced over 4 MiB, a delivery is refused before a byte of it is read. */
    @Test
    void aDeliveryBodyOverFourMebibytesIsRefusedAsTooLarge() throws Exception {
        String head = "POST /api/establishments/" + TOO_MANY + "/imports/devices HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestApp.ADMIN_TOKEN + "\r\nContent-Type: text/csv";
        RawHttp.Answer refused = RawHttp.send(APP.getLocalPort(), head.getBytes(StandardCharsets.US_ASCII), new byte[0],
                4L * 1024 * 1024 + 1);
        assertThat(refused.status()).as(refused.text()).isEqualTo(413);
        assertThat(refused.text()).contains("body_too_large");
    }

    /**
     * The writer is held while the import and another desk's write arrive, in that order; once let go,
     * the writer serves them in arrival order, one transaction at a time. The other desk's device is
     * then written after the import's first batch and before its last: it did not wait for the whole
     * file. On PostgreSQL writers do not queue behind one another (each has its own connection), so
     * there is nothing to line up there.
     */
    @Test
    void anotherDesksWriteGoesThroughWhileALargeDeliveryIsWritten() throws Exception {
        assumeFalse(TestEngine.onPostgresql(), "PostgreSQL has no single writer to queue behind");
        Api importer = admin.desk(LARGE);
        Api other = admin.desk(ELSEWHERE);
        byte[] csv = delivery("", 5_000);
        ExecutorService requests = Executors.newFixedThreadPool(2);
        try {
            Future<Reply> imported;
            Future<Reply> written;
            try (HeldWriter writer = HeldWriter.take(APP.getEnvironment())) {
                imported = requests.submit(() -> send(importer, LARGE, csv));
                writer.awaitQueued(1);
                written = requests.submit(() -> other.post("/api/establishments/" + ELSEWHERE + "/devices",
                        Builders.laptop()));
                writer.awaitQueued(2);
            }
            Reply device = written.get(1, TimeUnit.MINUTES);
            Reply delivery = imported.get(1, TimeUnit.MINUTES);
            assertThat(device.status()).as(device.text()).isEqualTo(201);
            assertThat(delivery.status()).as(delivery.text()).isEqualTo(200);
            assertThat(delivery.json().path("created")).hasSize(5_000);

            String url = APP.getConfiguration().getDataSourceFactory().getUrl();
            long writtenBefore = LendingChecks.count(url, "SELECT count(*) FROM devices WHERE uai = '" + LARGE
                    + "' AND id < (SELECT id FROM devices WHERE asset_tag = '" + device.json().path("assetTag").asText()
                    + "')");
            assertThat(writtenBefore).as("devices of the delivery written before the other desk's").isPositive()
                    .isLessThan(5_000);
        } finally {
            requests.shutdownNow();
        }
    }
}
