package fr.ecole.lending.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape of the API: {@code {"error", "message", "field"?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String field) {
}
