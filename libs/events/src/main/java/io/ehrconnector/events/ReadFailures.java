package io.ehrconnector.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.regex.Pattern;

/**
 * Turns Jackson's read failures into reasons that name the field but never echo a value. Jackson's own messages quote the
 * offending input ({@code Cannot deserialize ... from String "..."}), which may be data that must not reach logs or dead-letter
 * topics; the reasons built here use only the failure's JSON path and kind.
 */
final class ReadFailures {

    /** Attribute values short and plain enough to repeat in a reason (event types, spec versions); anything else is withheld. */
    private static final Pattern PRINTABLE_ATTRIBUTE = Pattern.compile("[A-Za-z0-9._:/-]{1,120}");

    private ReadFailures() {
    }

    /** Why the JSON text could not be parsed: only where, not what. */
    static String notJson(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "not JSON"
                : "not JSON (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Why {@code document} (the JSON node that was being read, found at {@code documentPath} in the event, "" for the envelope)
     * could not become its Java type.
     */
    static String describe(JsonProcessingException e, JsonNode document, String documentPath) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "unreadable " + (documentPath.isEmpty() ? "envelope" : documentPath);
        }
        String path = pathOf(mapping, documentPath);
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof ContractViolation violation) {
            return violation.describeAt(path);
        }
        if (isAbsent(document, mapping)) {
            return "field '" + path + "' is missing";
        }
        if (mapping instanceof InvalidFormatException) {
            return "field '" + path + "' has an invalid value";
        }
        return "field '" + path + "' has the wrong type";
    }

    /** {@code value} in quotes when it is a plain token, otherwise a placeholder, so a reason never carries arbitrary text. */
    static String printable(String value) {
        return value != null && PRINTABLE_ATTRIBUTE.matcher(value).matches() ? "'" + value + "'" : "(value withheld)";
    }

    private static String pathOf(JsonMappingException e, String documentPath) {
        StringBuilder path = new StringBuilder(documentPath);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isAbsent(JsonNode document, JsonMappingException e) {
        JsonNode node = document;
        for (JsonMappingException.Reference reference : e.getPath()) {
            node = reference.getFieldName() != null ? node.path(reference.getFieldName()) : node.path(reference.getIndex());
        }
        return node.isMissingNode() || node.isNull();
    }
}
