package fr.ecole.lending.pages;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.audit.AuditEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/** The administrator's reading of the audit log, {@code /admin/journal}: oldest first, by kind or record. */
public final class AuditLogView extends PageView {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    /** One line as the table shows it; {@code detail} is the entry's JSON, as recorded. */
    public record Line(String at, String actor, String action, String entity, String entityId, String detail) {
        static Line of(AuditEntry entry) {
            return new Line(AT.format(entry.at()), entry.actor(), entry.action(), entry.entity(), entry.entityId(),
                    entry.detail() == null ? "" : entry.detail());
        }
    }

    private final String entity;
    private final String entityId;
    private final List<Line> lines;
    private final String next;
    private final String refusal;

    AuditLogView(BrowserSession.SignedIn signedIn, String entity, String entityId, List<AuditEntry> entries,
                 String nextCursor, String refusal) {
        super("journal.ftlh", "Journal d'audit", signedIn.user(), signedIn.csrf());
        this.entity = entity;
        this.entityId = entityId;
        this.lines = entries.stream().map(Line::of).toList();
        this.next = nextCursor == null ? null : "/admin/journal?entite=" + encoded(entity) + "&id=" + encoded(entityId)
                + "&curseur=" + encoded(nextCursor);
        this.refusal = refusal;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String getEntity() {
        return entity;
    }

    public String getEntityId() {
        return entityId;
    }

    public List<String> getEntities() {
        return Arrays.stream(Audit.Entity.values()).map(Enum::name).toList();
    }

    public List<Line> getLines() {
        return lines;
    }

    /** The next entries' address, or null at the end of the log. */
    public String getNext() {
        return next;
    }

    public String getRefusal() {
        return refusal;
    }
}
