package fr.ecole.lending.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses oversized bodies with a 413 instead of buffering them: by the declared length when there
 * is one, and by counting otherwise (chunked uploads). CSV imports get a larger allowance than JSON.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimitFilter implements ContainerRequestFilter {
    private final long jsonLimit;
    private final long csvLimit;

    public BodyLimitFilter(long jsonLimit, long csvLimit) {
        this.jsonLimit = jsonLimit;
        this.csvLimit = csvLimit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        long limit = type != null && "csv".equalsIgnoreCase(type.getSubtype()) ? csvLimit : jsonLimit;
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
        }
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "body_too_large", "Le corps de la requête dépasse la taille admise ("
                + (limit / 1024) + " Kio) : envoyez un fichier plus petit ou découpez-le.", null);
    }

    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw tooLarge(limit);
            }
        }
    }
}
