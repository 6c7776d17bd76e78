package fr.ecole.lending.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializableWritesTest {
    @Test
    void whatPostgresqlRefusesForAnotherTransactionsSakeRunsAgain() {
        // serialization failure, deadlock, no room left to track serializable transactions' conflicts
        for (String state : List.of("40001", "40P01", "53200")) {
            assertThat(SerializableWrites.mustRunAgain(new IllegalStateException(new SQLException("refused", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void aRefusalOfTheWorkItselfDoesNot() {
        assertThat(SerializableWrites.mustRunAgain(new IllegalStateException(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(SerializableWrites.mustRunAgain(new IllegalStateException("changed under the write lock"))).isFalse();
    }
}
