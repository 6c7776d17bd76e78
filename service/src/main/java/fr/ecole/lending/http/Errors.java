package fr.ecole.lending.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint may answer with, each written {@code "<status> <code>"} (e.g.
 * {@code "409 device_unavailable"}), for the API's published description. Those every endpoint of
 * its kind shares (no token, a wrong role, an unreadable body, a bad UAI or cursor) are added by the
 * description itself; only the endpoint's own rules are listed here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Errors {
    String[] value();
}
