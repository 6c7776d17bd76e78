package fr.ecole.lending.http;

import jakarta.ws.rs.core.Response;
import java.io.EOFException;
import java.sql.SQLException;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unforeseen: logged in full with a reference, answered without any internal detail. */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // a refusal raised deep inside a framework call (a body stream, a value object) keeps its meaning
            if (cause instanceof ApiException refused) {
                return ApiExceptionMapper.error(refused.status(), refused.body());
            }
            // PostgreSQL stores no NUL character in text, where SQLite would: the client's text, not our failure
            if (cause instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
                return ApiExceptionMapper.error(422, new ErrorBody("invalid_character",
                        "Le texte envoyé contient un caractère nul, qui ne peut pas être enregistré : retirez-le "
                                + "et renvoyez la requête ; rien n'a été enregistré.", null));
            }
            // the client went away or stopped sending half-way: its request, not our failure
            if (cause instanceof EOFException || cause instanceof EofException) {
                LOG.debug("Request body ended early", e);
                return ApiExceptionMapper.error(400, new ErrorBody("incomplete_body",
                        "Le corps de la requête est arrivé incomplet : renvoyez la requête.", null));
            }
        }
        String reference = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("Unexpected error, reference {}", reference, e);
        return ApiExceptionMapper.error(500, new ErrorBody("internal_error",
                "Erreur interne du service ; si elle se répète, signalez la référence " + reference + ".",
                null));
    }
}
