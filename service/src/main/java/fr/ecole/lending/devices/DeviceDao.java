package fr.ecole.lending.devices;

import fr.ecole.lending.geography.Uai;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(DeviceDao.DeviceMapper.class)
public interface DeviceDao {
    /** A device with its open loan, if any: the partial index of open loans serves the join. */
    String SELECT = """
            SELECT d.id, d.asset_tag, d.uai, d.kind, d.serial, d.model, d.accessories, d.funded_by, d.status,
                   d.sim_iccid, d.sim_phone, d.sim_data_plan_gb, d.sim_plan_ends, d.needs_wipe, d.held_at,
                   d.created_at,
                   a.number AS loan_agreement, a.family_id AS loan_family, l.out_at AS loan_out_at,
                   a.due_date AS loan_due_date, a.uai AS loan_uai
              FROM devices d
              LEFT JOIN loans l ON l.device_id = d.id AND l.returned_at IS NULL AND l.lost_at IS NULL
              LEFT JOIN agreements a ON a.id = l.agreement_id
            """;

    /**
     * The devices of other pools a school holds: out under its agreements (an agreement that followed
     * its pupil) or brought back to it, waiting to travel home.
     */
    @SqlQuery(SELECT + """
             WHERE d.uai <> :uai AND (a.uai = :uai OR d.held_at = :uai) AND d.id > :after
             ORDER BY d.id
             LIMIT :limit""")
    List<Device> listHeld(@Bind("uai") Uai uai, @Bind("after") long after, @Bind("limit") int limit);

    /** The device whose tag this is, whatever the case it is typed in (the index of folded tags serves it). */
    @SqlQuery(SELECT + " WHERE UPPER(d.asset_tag) = UPPER(:assetTag)")
    Optional<Device> findByTag(@Bind("assetTag") AssetTag assetTag);

    /**
     * PostgreSQL only: locks the devices of these tags (folded to upper case) until the transaction
     * ends, always in the same order, so that two desks lending the same device wait for each other
     * instead of both deciding it is free.
     */
    @SqlQuery("SELECT id FROM devices WHERE UPPER(asset_tag) IN (<tags>) ORDER BY id FOR UPDATE")
    List<Long> lockByTags(@org.jdbi.v3.sqlobject.customizer.BindList("tags") List<String> tags);

    /** A funder's record, as the rules of where its devices may go read it. */
    @SqlQuery("""
            SELECT name, territory, kind IN ('COMMUNE', 'DEPARTEMENT', 'REGION') AS collectivity,
                   allows_transfers_outside AS allows_outside
              FROM funders WHERE id = :id""")
    @RegisterConstructorMapper(Funding.class)
    Optional<Funding> funding(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM devices WHERE UPPER(asset_tag) = UPPER(:assetTag))")
    boolean tagExists(@Bind("assetTag") String assetTag);

    /** The device of this kind with this serial (serials are unique per kind). */
    @SqlQuery(SELECT + " WHERE d.kind = :kind AND d.serial = :serial")
    Optional<Device> findBySerial(@Bind("kind") DeviceKind kind, @Bind("serial") String serial);

    @SqlQuery(SELECT + """
             WHERE d.uai = :uai AND d.id > :after
               AND (CAST(:status AS TEXT) IS NULL OR d.status = :status)
               AND (CAST(:kind AS TEXT) IS NULL OR d.kind = :kind)
             ORDER BY d.id
             LIMIT :limit""")
    List<Device> list(@Bind("uai") Uai uai, @Bind("status") DeviceStatus status, @Bind("kind") DeviceKind kind,
                      @Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("""
            INSERT INTO devices (asset_tag, uai, kind, serial, model, accessories, funded_by, status,
                                 sim_iccid, sim_phone, sim_data_plan_gb, sim_plan_ends, created_at)
            VALUES (:assetTag, :uai, :kind, :serial, :model, :accessories, :fundedBy, 'AVAILABLE',
                    :iccid, :phone, :dataPlanGb, :planEnds, :now)
            RETURNING id""")
    long insert(@Bind("assetTag") String assetTag, @Bind("uai") String uai, @Bind("kind") DeviceKind kind,
                @Bind("serial") String serial, @Bind("model") String model, @Bind("accessories") String accessories,
                @Bind("fundedBy") String fundedBy, @Bind("iccid") String iccid, @Bind("phone") String phone,
                @Bind("dataPlanGb") Integer dataPlanGb, @Bind("planEnds") LocalDate planEnds,
                @Bind("now") Instant now);

    /** Moves a device from one status to another; 0 rows when someone moved it first. */
    @SqlUpdate("UPDATE devices SET status = :to WHERE id = :id AND status = :from")
    int changeStatus(@Bind("id") long id, @Bind("from") DeviceStatus from, @Bind("to") DeviceStatus to);

    @SqlUpdate("""
            INSERT INTO device_events (device_id, at, event, actor_id, agreement_id, note)
            VALUES (:deviceId, :at, :event, :actorId, :agreementId, :note)""")
    void recordEvent(@Bind("deviceId") long deviceId, @Bind("at") Instant at, @Bind("event") DeviceEventType event,
                     @Bind("actorId") long actorId, @Bind("agreementId") Long agreementId, @Bind("note") String note);

    @SqlQuery("""
            SELECT e.id, e.at, e.event, u.name AS actor, a.number AS agreement_number, e.note
              FROM device_events e
              JOIN users u ON u.id = e.actor_id
              LEFT JOIN agreements a ON a.id = e.agreement_id
             WHERE e.device_id = :deviceId AND e.id > :after
             ORDER BY e.id
             LIMIT :limit""")
    @RegisterConstructorMapper(DeviceEvent.class)
    List<DeviceEvent> history(@Bind("deviceId") long deviceId, @Bind("after") long after, @Bind("limit") int limit);

    /** Moves a device, not out on loan, to another establishment's pool; 0 rows when it went out meanwhile. */
    @SqlUpdate("UPDATE devices SET uai = :uai WHERE id = :id AND status <> 'ON_LOAN'")
    int moveTo(@Bind("id") long id, @Bind("uai") String uai);

    /** Moves a device out on loan to the pool of the school its agreement was handed to. */
    @SqlUpdate("UPDATE devices SET uai = :uai WHERE id = :id AND status = 'ON_LOAN'")
    int handOver(@Bind("id") long id, @Bind("uai") String uai);

    @SqlUpdate("UPDATE devices SET held_at = :heldAt WHERE id = :id")
    void setHeldAt(@Bind("id") long id, @Bind("heldAt") String heldAt);

    @SqlUpdate("UPDATE devices SET needs_wipe = :needsWipe WHERE id = :id")
    void setNeedsWipe(@Bind("id") long id, @Bind("needsWipe") boolean needsWipe);

    /** A repair ticket, open while {@code backAt} is null. */
    record RepairRow(long id, String reason, Instant outAt, Instant backAt, String outcome) {
    }

    @SqlUpdate("INSERT INTO repairs (device_id, reason, out_at) VALUES (:deviceId, :reason, :at)")
    void openRepair(@Bind("deviceId") long deviceId, @Bind("reason") String reason, @Bind("at") Instant at);

    @SqlUpdate("UPDATE repairs SET back_at = :at, outcome = :outcome WHERE device_id = :deviceId AND back_at IS NULL")
    int closeRepair(@Bind("deviceId") long deviceId, @Bind("at") Instant at, @Bind("outcome") String outcome);

    @SqlQuery("SELECT id, reason, out_at, back_at, outcome FROM repairs WHERE device_id = :deviceId ORDER BY id")
    @RegisterConstructorMapper(RepairRow.class)
    List<RepairRow> repairsOf(@Bind("deviceId") long deviceId);

    /** The dongles of an establishment whose data plan ends before {@code before}, soonest first. */
    @SqlQuery(SELECT + """
             WHERE d.uai = :uai AND d.kind = 'DONGLE_4G' AND d.status <> 'RETIRED'
               AND (CAST(:before AS TEXT) IS NULL OR d.sim_plan_ends < :before)
             ORDER BY d.sim_plan_ends, d.id
             LIMIT :limit""")
    List<Device> dongles(@Bind("uai") Uai uai, @Bind("before") LocalDate before, @Bind("limit") int limit);

    /** Accessories are short single-line names, kept one per line. */
    static String joinAccessories(List<String> accessories) {
        return String.join("\n", accessories);
    }

    class DeviceMapper implements RowMapper<Device> {
        @Override
        public Device map(ResultSet r, StatementContext ctx) throws SQLException {
            DeviceKind kind = DeviceKind.valueOf(r.getString("kind"));
            String accessories = r.getString("accessories");
            Sim sim = null;
            if (kind == DeviceKind.DONGLE_4G) {
                int dataPlan = r.getInt("sim_data_plan_gb");
                Integer dataPlanGb = r.wasNull() ? null : dataPlan;
                String planEnds = r.getString("sim_plan_ends");
                sim = new Sim(r.getString("sim_iccid"), r.getString("sim_phone"), dataPlanGb,
                        planEnds == null ? null : LocalDate.parse(planEnds));
            }
            Device.OpenLoan openLoan = null;
            String agreement = r.getString("loan_agreement");
            if (agreement != null) {
                openLoan = new Device.OpenLoan(agreement, r.getLong("loan_family"),
                        Instant.ofEpochMilli(r.getLong("loan_out_at")), LocalDate.parse(r.getString("loan_due_date")),
                        r.getString("loan_uai"));
            }
            return new Device(r.getLong("id"), r.getString("asset_tag"), r.getString("uai"), kind,
                    r.getString("serial"), r.getString("model"), DeviceStatus.valueOf(r.getString("status")),
                    accessories.isEmpty() ? List.of() : Arrays.asList(accessories.split("\n")),
                    r.getString("funded_by"), sim, openLoan, r.getBoolean("needs_wipe"), r.getString("held_at"),
                    Instant.ofEpochMilli(r.getLong("created_at")));
        }
    }
}
