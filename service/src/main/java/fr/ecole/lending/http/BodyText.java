package fr.ecole.lending.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Every text of a request body, wherever it sits (a record's field, a nested record, a list, a map's
 * value), is read here: one holding an invisible or formatting character is refused ({@link
 * Check#visible}), the error naming its JSON path ({@code guardian.name}, {@code pupils[1].firstName}).
 * The one body part read as a free JSON tree (a diagnostic's answers) is checked by {@link #visible(JsonNode, String)}.
 */
public final class BodyText extends StringDeserializer {

    private BodyText() {
    }

    public static SimpleModule module() {
        return new SimpleModule("body-text").addDeserializer(String.class, new BodyText());
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = super.deserialize(parser, context);
        int found = text == null ? -1 : Check.formatCharacter(text);
        if (found >= 0) {
            // the field comes from Jackson's path, as for every body error; the sentence names it already
            throw Check.invisible(pathOf(parser.getParsingContext()), found).at(null);
        }
        return text;
    }

    /** Refuses a JSON tree holding an invisible character in a text or a name; {@code field} is the tree's path. */
    public static void visible(JsonNode tree, String field) {
        if (tree == null) {
            return;
        }
        if (tree.isTextual()) {
            Check.visible(tree.textValue(), field);
        }
        if (tree.isArray()) {
            for (int i = 0; i < tree.size(); i++) {
                visible(tree.get(i), field + "[" + i + "]");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> members = tree.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            Check.visible(member.getKey(), field);
            visible(member.getValue(), field + "." + member.getKey());
        }
    }

    /** Where the parser stands, as a JSON path: {@code pupils[1].firstName}. */
    static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.push("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                parts.push(at.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
