package fr.ecole.lending.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A body that does not parse at all is a 400; a body that parses but does not fit (unknown field,
 * wrong type, unknown enum value, a value object that refuses its value) is a 422 naming the field.
 */
public class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        ApiException refused = causeOfType(e, ApiException.class);
        if (refused != null && refused.status() != 422) {
            // not about the body's content (a body too large, say): the refusal stands as it is
            return ApiExceptionMapper.error(refused.status(), refused.body());
        }
        return ApiExceptionMapper.error(statusOf(e), bodyOf(e));
    }

    private static int statusOf(JsonProcessingException e) {
        return e instanceof JsonMappingException ? 422 : 400;
    }

    static ErrorBody bodyOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return new ErrorBody("malformed_json",
                    "Le corps de la requête n'est pas un JSON lisible : vérifiez sa syntaxe.", null);
        }
        String path = pathOf(mapping);
        ApiException refused = causeOfType(e, ApiException.class);
        if (refused != null) {
            String field = refused.field() == null ? path
                    : path == null ? refused.field() : path + "." + refused.field();
            return new ErrorBody(refused.code(), refused.getMessage(), field);
        }
        if (e instanceof PropertyBindingException unknown) {
            String field = path == null ? unknown.getPropertyName() : path;
            return new ErrorBody("unknown_field",
                    "Le champ « " + field + " » n'est pas reconnu : retirez-le de la requête.", field);
        }
        if (e instanceof InvalidNullException) {
            return new ErrorBody("invalid_value",
                    "Le champ « " + path + " » ne peut pas être vide.", path);
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return new ErrorBody("invalid_value", "La valeur « " + format.getValue()
                    + " » n'est pas admise pour « " + path + " » ; valeurs possibles : "
                    + enumValues(format.getTargetType()) + ".", path);
        }
        if (e instanceof MismatchedInputException && path == null) {
            return new ErrorBody("invalid_body",
                    "Le corps de la requête doit être un objet JSON non vide.", null);
        }
        return new ErrorBody("invalid_value",
                "La valeur du champ « " + path + " » n'a pas le bon type ou le bon format.", path);
    }

    private static String enumValues(Class<?> type) {
        StringBuilder out = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(constant);
        }
        return out.toString();
    }

    /** Jackson's reference path as a JSON path: {@code pupils[0].uai}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
