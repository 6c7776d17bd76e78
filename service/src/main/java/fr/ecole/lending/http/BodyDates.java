package fr.ecole.lending.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Dates in request bodies: {@code AAAA-MM-JJ}, from 2000 to 2999, as in query parameters. Java reads
 * {@code +99999-01-01} as a date, which neither a desk means nor a database column of ten characters holds.
 */
public final class BodyDates extends StdScalarDeserializer<LocalDate> {
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2999;

    private BodyDates() {
        super(LocalDate.class);
    }

    public static SimpleModule module() {
        return new SimpleModule("body-dates").addDeserializer(LocalDate.class, new BodyDates());
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
        }
        String text = parser.getText().strip();
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date AAAA-MM-JJ");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw ApiException.invalid("invalid_value", null, "Une date s'écrit AAAA-MM-JJ, de " + FIRST_YEAR
                    + " à " + LAST_YEAR + " : « " + text + " » n'en est pas une.");
        }
        return date;
    }
}
