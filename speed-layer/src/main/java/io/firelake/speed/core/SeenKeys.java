package io.firelake.speed.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;

/**
 * The keys of one JSON object so far, to refuse an object that repeats one, as the transform's parser does (Jackson's
 * {@code STRICT_DUPLICATE_DETECTION}, which costs a {@code HashSet} and a node per key: 8% of the speed layer's CPU).
 * The parser interns names, so a key's cached hash is compared first and {@code equals} runs only on a hash match.
 * Also skips an undeclared value with the same check at every level inside it. Not thread-safe: one per object read.
 */
final class SeenKeys {

    private String[] names = new String[16];
    private int[] hashes = new int[16];
    private int size;

    /** Whether the key was new in this object (it is remembered); false for a repeated key. */
    boolean add(String name) {
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && (names[i] == name || names[i].equals(name))) {
                return false;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        names[size] = name;
        hashes[size++] = hash;
        return true;
    }

    /** Skips the value just read (its first token), answering false when an object inside it repeats a key. */
    static boolean skip(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT) {
            SeenKeys keys = new SeenKeys();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (!keys.add(parser.currentName()) || !skip(parser, parser.nextToken())) {
                    return false;
                }
            }
            return token == JsonToken.END_OBJECT;
        }
        if (value == JsonToken.START_ARRAY) {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null || !skip(parser, token)) {
                    return false;
                }
            }
        }
        return true;
    }
}
