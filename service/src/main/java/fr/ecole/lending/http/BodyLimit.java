package fr.ecole.lending.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A smaller limit on a resource method's body than its content type gets ({@link BodyLimitFilter}):
 * an endpoint open without a token takes no more than its requests need.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BodyLimit {
    /** The largest body accepted, in bytes; 413 beyond. */
    long value();
}
