package fr.ecole.lending.http;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Path and query parameters read as the project's own types (a UAI, an asset tag) once, at the
 * edge, by the type's own reader, which names the parameter in its refusal. A query parameter given
 * blank counts as absent, as everywhere in the API; a blank path segment is read, and refused.
 */
public final class TypedParams implements ParamConverterProvider {
    /** Reads a parameter's text as a {@code T}, or refuses it with an {@link ApiException} naming {@code field}. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String text, String field);
    }

    private final Map<Class<?>, Reader<?>> readers = new HashMap<>();

    public <T> TypedParams with(Class<T> type, Reader<T> reader) {
        readers.put(type, reader);
        return this;
    }

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Reader<?> reader = readers.get(rawType);
        if (reader == null) {
            return null;
        }
        String field = name(annotations);
        // a path segment is always there, even blank (%20): the type's reader refuses it as invalid
        boolean inPath = Arrays.stream(annotations).anyMatch(annotation -> annotation instanceof PathParam);
        return new ParamConverter<>() {
            @Override
            public T fromString(String text) {
                boolean absent = text == null || !inPath && text.isBlank();
                return absent ? null : rawType.cast(reader.read(text, field));
            }

            @Override
            public String toString(T value) {
                return value.toString();
            }
        };
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof FormParam form) {
                return form.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null;
    }
}
