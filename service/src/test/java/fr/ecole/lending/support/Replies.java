package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.support.Api.Reply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** What a desk under load may be answered: success, or a 409 it expects, in the API's one error shape. */
public final class Replies {
    private static final Set<String> ERROR_FIELDS = Set.of("error", "message", "field");

    private Replies() {
    }

    /**
     * Why {@code reply} to {@code action} is not an answer the desk could expect (empty when it is):
     * {@code success} or a 409 whose code is one of {@code conflicts}, with the body
     * {@code {"error", "message", "field"}}. A 5xx is never expected.
     */
    public static List<String> unexpected(String action, Reply reply, int success, Set<String> conflicts) {
        List<String> wrong = new ArrayList<>();
        if (reply.status() == success) {
            return wrong;
        }
        if (reply.status() != 409) {
            wrong.add(action + " answered " + reply);
            return wrong;
        }
        JsonNode body = reply.json();
        if (!body.isObject()) {
            wrong.add(action + " answered a 409 without a JSON object: " + reply.text());
            return wrong;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ERROR_FIELDS.contains(name)) {
                wrong.add(action + " answered a 409 with an unexpected member \"" + name + "\": " + reply.text());
            }
        }
        if (!body.path("error").isTextual() || !body.path("message").isTextual()
                || body.path("message").asText().isBlank()
                || !(body.path("field").isMissingNode() || body.path("field").isTextual() || body.path("field").isNull())) {
            wrong.add(action + " answered a 409 outside the error shape: " + reply.text());
        }
        if (!conflicts.contains(reply.error())) {
            wrong.add(action + " answered an unexpected conflict: " + reply.text());
        }
        return wrong;
    }
}
