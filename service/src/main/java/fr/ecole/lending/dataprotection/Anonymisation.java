package fr.ecole.lending.dataprotection;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.families.FamilyDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Anonymising one family, inside the caller's transaction: what erasure at the family's request and
 * the retention purge both do. The person goes (the guardian's name and contacts, the search
 * columns, the pupils' first names, the signed documents, the e-mails' addresses and texts, the names that slipped into notes, where
 * referrals sent the family and their notes); what
 * the collectivities' reports count stays (the commune, the pupils' schools and levels, the
 * diagnostics, the referrals' kinds and statuses, the agreements, loans and device histories, now tied
 * to no one).
 */
final class Anonymisation {
    static final String GUARDIAN = "Famille anonymisée";
    static final String PUPIL = "Élève ";
    static final String OVERRIDE_REASON = "Motif effacé avec les données de la famille.";
    static final String ERASED = "[effacé]";

    /**
     * What anonymising did: {@code done} is false when the family already was anonymised (nothing
     * changes), or when devices are still out ({@code devicesOut}, and nothing changes either).
     */
    record Outcome(boolean done, List<AnonymisationDao.DeviceOut> devicesOut, int agreementDocumentsDeleted,
                   int notesCleaned) {
        static final Outcome ALREADY = new Outcome(false, List.of(), 0, 0);
    }

    private Anonymisation() {
    }

    /** Anonymises the family {@code familyId}, which exists; {@code why} goes to the audit log ("request", "retention"). */
    static Outcome anonymise(Handle handle, Audit audit, User actor, long familyId, String why, Instant now) {
        FamilyDao.FamilyRow family = Daos.on(handle, FamilyDao.class).find(familyId).orElseThrow();
        if (family.anonymisedAt() != null) {
            return Outcome.ALREADY;
        }
        AnonymisationDao dao = Daos.on(handle, AnonymisationDao.class);
        List<AnonymisationDao.DeviceOut> out = dao.devicesOut(familyId);
        if (!out.isEmpty()) {
            return new Outcome(false, out, 0, 0);
        }
        Pattern identifiers = identifiers(family, dao.pupilFirstNames(familyId));
        int notes = 0;
        for (AnonymisationDao.Note note : dao.notesAboutBorrowedDevices(familyId)) {
            String cleaned = identifiers.matcher(note.text()).replaceAll(ERASED);
            if (cleaned.equals(note.text())) {
                continue;
            }
            notes++;
            switch (note.kind()) {
                case "return" -> dao.setReturnNote(note.id(), cleaned);
                case "hand_in" -> dao.setHandInNote(note.id(), cleaned);
                case "hand_in_refusal" -> dao.setHandInRefusal(note.id(), cleaned);
                case "event" -> dao.setEventNote(note.id(), cleaned);
                case "repair_reason" -> dao.setRepairReason(note.id(), cleaned);
                case "repair_outcome" -> dao.setRepairOutcome(note.id(), cleaned);
                default -> throw new IllegalStateException("unknown note kind " + note.kind());
            }
        }
        int documents = dao.deleteAgreementDocuments(familyId);
        dao.eraseMessages(familyId);
        dao.anonymiseReferrals(familyId, now);
        dao.detachAgreements(familyId, GUARDIAN, OVERRIDE_REASON);
        dao.renamePupils(familyId, PUPIL);
        if (dao.anonymiseFamily(familyId, GUARDIAN, now) != 1) {
            throw new IllegalStateException("family " + familyId + " changed under its write");
        }
        // the values its corrections sealed in the log (names before and after) can no longer be read
        audit.forgetPersonalValues(handle, Audit.Entity.FAMILY, familyId);
        // counts only: the log keeps nothing of the person it no longer names
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("why", why);
        detail.put("agreementDocumentsDeleted", documents);
        detail.put("notesCleaned", notes);
        audit.record(handle, actor, "ANONYMISE", Audit.Entity.FAMILY, familyId, detail);
        return new Outcome(true, List.of(), documents, notes);
    }

    /**
     * The family's names and contacts as whole words, in any case: the guardian's full name and each
     * part of it of three letters or more, the phone, the e-mail, the pupils' first names.
     */
    static Pattern identifiers(FamilyDao.FamilyRow family, List<String> firstNames) {
        Set<String> words = new LinkedHashSet<>();
        words.add(family.guardianName());
        for (String part : family.guardianName().split("[\\s,]+")) {
            if (part.length() >= 3) {
                words.add(part);
            }
        }
        if (family.guardianPhone() != null) {
            words.add(family.guardianPhone());
        }
        if (family.guardianEmail() != null) {
            words.add(family.guardianEmail());
        }
        for (String firstName : firstNames) {
            if (firstName.strip().length() >= 2) {
                words.add(firstName.strip());
            }
        }
        List<String> longestFirst = new ArrayList<>(words);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder any = new StringBuilder();
        for (String word : longestFirst) {
            any.append(any.isEmpty() ? "" : "|").append(Pattern.quote(word));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + any + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
