package fr.ecole.lending.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.DynamicFeature;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Refuses oversized bodies with a 413 instead of buffering them: by the declared length when there
 * is one, and by counting otherwise (chunked uploads). The allowance is the resource method's,
 * whatever content type the client declares: the national files administrators import
 * ({@link NationalFile}) get the largest, other CSV imports (a desk's delivery, sent by the API or as
 * a file from a page's form, multipart) a smaller one, JSON and plain forms the smallest; a method
 * marked {@link BodyLimit} less still.
 */
public final class BodyLimitFilter {
    /** Room for a form's own fields and the headers of its parts, beside the file it sends. */
    static final long FORM_FIELDS = 16 * 1024;

    private BodyLimitFilter() {
    }

    /** Sets each resource method's limit: by what it takes, and whether it takes a national file. */
    public static DynamicFeature limits(long jsonLimit, long nationalFileLimit, long csvLimit) {
        return (resource, context) -> {
            Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
            if (consumes == null) {
                consumes = resource.getResourceClass().getAnnotation(Consumes.class);
            }
            boolean csv = consumes != null && Arrays.stream(consumes.value()).anyMatch(type -> type.contains("csv"));
            // a file sent from a page's form is a desk's CSV (the pages take no other), with the form's fields beside it
            boolean form = consumes != null && Arrays.stream(consumes.value()).anyMatch(type -> type.startsWith("multipart/"));
            boolean nationalFile = resource.getResourceMethod().isAnnotationPresent(NationalFile.class);
            long limit = nationalFile ? nationalFileLimit : csv ? csvLimit : form ? csvLimit + FORM_FIELDS : jsonLimit;
            BodyLimit smaller = resource.getResourceMethod().getAnnotation(BodyLimit.class);
            context.register(new Limit(smaller == null ? limit : Math.min(limit, smaller.value())));
        };
    }

    @Priority(Priorities.AUTHENTICATION - 100)
    private record Limit(long limit) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            BodyLimitFilter.filter(request, limit);
        }
    }

    private static void filter(ContainerRequestContext request, long limit) {
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
