package fr.ecole.lending.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void aFailureIsAnsweredWithAReferenceAndNoInternalDetail() {
        Response response = new UnexpectedExceptionMapper().toResponse(
                new IllegalStateException("SELECT * FROM families failed in fr.ecole.lending.X"));
        assertThat(response.getStatus()).isEqualTo(500);
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error()).isEqualTo("internal_error");
        assertThat(body.message()).matches(".*référence [0-9a-f]{16}.*");
        assertThat(body.message()).doesNotContain("SELECT", "IllegalState", "fr.ecole");
    }

    @Test
    void aRefusalWrappedByAFrameworkKeepsItsMeaning() {
        Response response = new UnexpectedExceptionMapper().toResponse(new RuntimeException("wrapped",
                BodyLimitFilter.tooLarge(1024)));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("body_too_large");
    }

    @Test
    void aNulCharacterPostgresqlCannotStoreIsTheClientsText() {
        Response response = new UnexpectedExceptionMapper().toResponse(new RuntimeException("statement failed",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")));
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(((ErrorBody) response.getEntity()).error()).isEqualTo("invalid_character");
    }
}
