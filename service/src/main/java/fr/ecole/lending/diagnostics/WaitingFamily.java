package fr.ecole.lending.diagnostics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A household on an establishment's waiting list: its rank, priority and device needs. */
public record WaitingFamily(int rank, long familyId, String guardianName, long diagnosticId, double priority,
                            List<Decision.Need> needs, Instant requestedAt, LocalDate diagnosticExpires) {

    @JsonIgnore
    public long position() {
        return rank;
    }
}
