package fr.ecole.lending.agreements;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.LendingChecks.change;
import static fr.ecole.lending.support.LendingChecks.violationsAfter;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.DeskLoad;
import fr.ecole.lending.support.LendingChecks;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    static final DeskLoad LOAD = new DeskLoad("DeskLoadIT", List.of(APP), 64, 40, Duration.ofSeconds(10));

    @BeforeAll
    static void collegeWithDesks() {
        LOAD.prepare();
    }

    @Test
    void sixtyFourDesksLendingAndTakingBackFortyDevicesKeepEveryRule() throws Exception {
        LOAD.run();
    }

    /**
     * The database checks must be able to fail: each rule broken on purpose is reported. The rules are
     * broken in the service's own database, inside a transaction that is rolled back (a copy is not
     * needed, and PostgreSQL cannot copy a database the service holds connections to).
     */
    @Test
    void theChecksCatchABrokenDatabase() {
        Api admin = new Api(APP);
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
        // the wipe rule: a device returned, then taken as wiped (and lent again) with no wipe recorded
        Reply back = admin.post("/api/returns", java.util.Map.of("assetTag", own.get(0), "condition", "GOOD"));
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(violationsAfter(url,
                change("UPDATE devices SET needs_wipe = FALSE WHERE asset_tag = ?", own.get(0))))
                .contains("device " + own.get(0) + " is taken as wiped without a wipe since its return");
        assertThat(violationsAfter(url,
                change("INSERT INTO device_events (device_id, at, event, actor_id, agreement_id) SELECT device_id, at + 1, "
                        + "'LENT', actor_id, agreement_id FROM device_events WHERE event = 'RETURNED' AND device_id = "
                        + "(SELECT id FROM devices WHERE asset_tag = ?)", own.get(0))))
                .contains("device " + own.get(0) + " went out again on agreement " + number
                        + " without a wipe since its return");
        // the audit log refuses deletions (006-access.sql): its trigger goes first, in the same rolled-back transaction
        assertThat(violationsAfter(url,
                change(TestEngine.onPostgresql() ? "DROP TRIGGER audit_log_no_delete ON audit_log"
                        : "DROP TRIGGER audit_log_no_delete"),
                change("DELETE FROM audit_log WHERE entity = 'AGREEMENT' AND entity_id = ?", number)))
                .contains("agreement " + number + " was written without its audit entry");

        // every break was rolled back
        assertThat(LendingChecks.violations(url)).as("rules broken in the database").isEmpty();
    }
}
