package fr.ecole.lending.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an import of a national open-data file (the directory, the carte scolaire, pupil counts, the
 * communes' outlines in GeoJSON), reserved to administrators: its body may reach {@code
 * maxCsvBodyBytes}. Any other CSV import is held to the smaller {@code maxDeskCsvBodyBytes}, so that a
 * new one is small unless said otherwise.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NationalFile {
}
