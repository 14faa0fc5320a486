package io.ehrconnector.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Serialized sample events as editable JSON trees, to build the malformed and the newer-producer variants tests need. */
final class EventJsonEdits {

    private EventJsonEdits() {
    }

    /** {@code event} as a mutable JSON tree. */
    static ObjectNode tree(CloudEvent<?> event) {
        return (ObjectNode) CloudEventCodec.mapper().valueToTree(event);
    }

    /** The JSON of {@code event} after {@code edit} changed its tree. */
    static String edited(CloudEvent<?> event, Consumer<ObjectNode> edit) {
        ObjectNode root = tree(event);
        edit.accept(root);
        return root.toString();
    }

    /** The data object of an event tree. */
    static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    /**
     * Paths of every object member below {@code node}, e.g. {@code start}, {@code patientPhones[0].keyId}, each with the
     * object holding it, so a test can remove one at a time.
     */
    static List<Member> members(JsonNode node, String path) {
        List<Member> members = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                String memberPath = path.isEmpty() ? name : path + "." + name;
                members.add(new Member(memberPath, object, name));
                members.addAll(members(object.get(name), memberPath));
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                members.addAll(members(array.get(i), path + "[" + i + "]"));
            }
        }
        return members;
    }

    /** One member of a JSON object: removing it and putting it back leaves the tree as it was. */
    record Member(String path, ObjectNode holder, String name) {
        JsonNode remove() {
            return holder.remove(name);
        }

        void restore(JsonNode value) {
            holder.set(name, value);
        }
    }
}
