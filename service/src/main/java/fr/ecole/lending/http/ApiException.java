package fr.ecole.lending.http;

/**
 * A request the service refuses, with everything the one error shape needs: a status, a stable
 * code a desk client can act on, a sentence in French for the person at the desk, and the field
 * (JSON path) at fault when there is one.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, null);
    }

    private ApiException(int status, String code, String message, String field, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Too many attempts: try again after that many seconds (sent as {@code Retry-After}). */
    public static ApiException tooManyAttempts(long retryAfterSeconds, String message) {
        return new ApiException(429, "too_many_attempts", message, null, (int) Math.max(1, retryAfterSeconds));
    }

    /** The service cannot take the request now (its writes are queued too long, or it is stopping): 503. */
    public static ApiException busy(String message) {
        return new ApiException(503, "service_busy", message, null, 5);
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ErrorBody body() {
        return new ErrorBody(code, getMessage(), field);
    }

    /** Well-formed but invalid (422). */
    public static ApiException invalid(String code, String field, String message) {
        return new ApiException(422, code, message, field);
    }

    /** Unknown, or not visible to this caller (404). */
    public static ApiException notFound(String code, String field, String message) {
        return new ApiException(404, code, message, field);
    }

    /** Conflicts with the current state of a record (409). */
    public static ApiException conflict(String code, String field, String message) {
        return new ApiException(409, code, message, field);
    }

    /** Same exception, but attributed to a field (a value object does not know where it sits). */
    public ApiException at(String newField) {
        return new ApiException(status, code, getMessage(), newField, retryAfterSeconds);
    }
}
