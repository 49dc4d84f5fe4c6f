package io.firelake.events.contract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A lookup table of a contract folder: a CSV file of {@code key,value} lines under a header line; {@code #} comments. */
final class LookupTable {

    private LookupTable() {
    }

    static Map<String, String> parse(String file, byte[] csv) {
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().toList();
        Map<String, String> entries = new LinkedHashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            int comma = line.indexOf(',');
            if (comma <= 0) {
                throw new ContractException(file, i + 1, "", "expected 'key,value'");
            }
            String key = line.substring(0, comma).strip();
            if (entries.put(key, line.substring(comma + 1).strip()) != null) {
                throw new ContractException(file, i + 1, "", "key '" + key + "' appears twice");
            }
        }
        if (entries.isEmpty()) {
            throw new ContractException(file, 0, "", "has no rows under its header line");
        }
        return entries;
    }
}
