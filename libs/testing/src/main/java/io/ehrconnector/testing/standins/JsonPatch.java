package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Applies a JSON Patch (RFC 6902) to a JSON document: add, remove, replace, copy, move, test. */
final class JsonPatch {

    /** The patch cannot be applied; becomes a 422 / 400 answer. */
    static final class PatchException extends RuntimeException {
        PatchException(String message) {
            super(message);
        }
    }

    private JsonPatch() {
    }

    /** Returns a patched copy of {@code document}. */
    static JsonNode apply(JsonNode document, JsonNode patch) {
        if (!(patch instanceof ArrayNode operations)) {
            throw new PatchException("a JSON Patch document is an array of operations");
        }
        JsonNode result = document.deepCopy();
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText();
            String path = operation.path("path").asText(null);
            if (path == null) {
                throw new PatchException("operation without path");
            }
            switch (op) {
                case "add" -> result = add(result, path, required(operation, "value").deepCopy());
                case "remove" -> result = remove(result, path);
                case "replace" -> {
                    get(result, path);
                    result = add(remove(result, path), path, required(operation, "value").deepCopy());
                }
                case "copy" -> result = add(result, path, get(result, operation.path("from").asText()).deepCopy());
                case "move" -> {
                    String from = operation.path("from").asText();
                    JsonNode value = get(result, from);
                    result = add(remove(result, from), path, value);
                }
                case "test" -> {
                    if (!get(result, path).equals(required(operation, "value"))) {
                        throw new PatchException("test failed at " + path);
                    }
                }
                default -> throw new PatchException("unknown op " + op);
            }
        }
        return result;
    }

    private static JsonNode required(JsonNode operation, String field) {
        if (!operation.has(field)) {
            throw new PatchException("operation without " + field);
        }
        return operation.get(field);
    }

    private static JsonNode get(JsonNode document, String pointer) {
        JsonNode node = document.at(pointer);
        if (node.isMissingNode()) {
            throw new PatchException("no value at " + pointer);
        }
        return node;
    }

    private static JsonNode add(JsonNode document, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value;
        }
        JsonNode parent = get(document, parentOf(pointer));
        String key = lastToken(pointer);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            if ("-".equals(key)) {
                array.add(value);
            } else {
                array.insert(index(key, array.size()), value);
            }
        } else {
            throw new PatchException("cannot add below a scalar at " + pointer);
        }
        return document;
    }

    private static JsonNode remove(JsonNode document, String pointer) {
        JsonNode parent = get(document, parentOf(pointer));
        String key = lastToken(pointer);
        get(document, pointer);
        if (parent instanceof ObjectNode object) {
            object.remove(key);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(key, array.size() - 1));
        }
        return document;
    }

    private static int index(String token, int max) {
        try {
            int index = Integer.parseInt(token);
            if (index < 0 || index > max) {
                throw new PatchException("array index out of range: " + token);
            }
            return index;
        } catch (NumberFormatException e) {
            throw new PatchException("not an array index: " + token);
        }
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }

    private static String lastToken(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
