package io.firelake.events.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading Glue (Hive) type strings: the items of a type list and the sub-fields of a {@code struct<name:type,...>}.
 *
 * @see <a href="https://docs.aws.amazon.com/athena/latest/ug/data-types.html">Athena data types</a>
 */
public final class GlueTypes {

    private static final String STRUCT = "struct<";

    private GlueTypes() {
    }

    /** Splits on the commas outside brackets: {@code a int, b decimal(18,2), c map<string,int>}. */
    public static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        if (!list.substring(start).isBlank()) {
            items.add(list.substring(start));
        }
        return items;
    }

    public static boolean isStruct(String type) {
        return type.startsWith(STRUCT) && type.endsWith(">");
    }

    /**
     * A struct's sub-fields, name to type in declaration order (names and types trimmed); throws
     * {@link IllegalArgumentException} for an item that is not {@code name:type} or a type that is not a struct.
     */
    public static Map<String, String> structFields(String type) {
        if (!isStruct(type)) {
            throw new IllegalArgumentException("'" + type + "' is not a struct<...>");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String item : split(type.substring(STRUCT.length(), type.length() - 1))) {
            int colon = item.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("'" + item.strip() + "' in " + type + " is not name:type");
            }
            fields.put(item.substring(0, colon).strip(), item.substring(colon + 1).strip());
        }
        return fields;
    }
}
