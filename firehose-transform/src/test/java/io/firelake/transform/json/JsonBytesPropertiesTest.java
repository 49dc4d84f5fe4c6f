package io.firelake.transform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk copy of plain ASCII and the character loop together write what Jackson writes, for any string. */
class JsonBytesPropertiesTest {

    @Property(tries = 2000)
    void aStringIsWrittenAsJacksonWritesIt(@ForAll("texts") String text) throws IOException {
        assertThat(written(text, false)).isEqualTo(jackson(text, false));
        assertThat(written(text, true)).isEqualTo(jackson(text, true));
    }

    /** The bulk copy's Latin-1 encoder writes {@code ?} for a character it cannot map, next to real ones. */
    @Example
    void aQuestionMarkBesideAnUnmappableCharacterIsNotTakenForPlainAscii() throws IOException {
        for (String text : new String[]{"https://shop.example.com/?q=\u0141?", "https://shop.example.com/?q=a??b",
                "\u20ac?https://shop.example.com/p?", "https://shop.example.com/?\ud83d\ude00&?x"}) {
            assertThat(written(text, false)).isEqualTo(jackson(text, false));
            assertThat(written(text, true)).isEqualTo(jackson(text, true));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> plain = Arbitraries.chars().range(' ', '~');
        Arbitrary<Character> awkward = Arbitraries.of('"', '\\', '?', '\n', '\u0001', '\u007f', '\u00e9', '\u00ff',
                '\u0100', '\u013f', '\u20ac', '\ud83d', '\ude00', '\uffff');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(20, plain), net.jqwik.api.Tuple.of(1, awkward))
                .list().ofMaxSize(48).map(chars -> {
                    StringBuilder text = new StringBuilder();
                    chars.forEach(text::append);
                    return text.toString();
                });
    }

    private static byte[] written(String text, boolean asciiOnly) {
        JsonBytes json = new JsonBytes();
        json.put((byte) '[');
        json.string(text, asciiOnly);
        json.put((byte) ',');
        json.string(text + text, asciiOnly);
        json.put((byte) ']');
        return json.toByteArray();
    }

    private static byte[] jackson(String text, boolean asciiOnly) throws IOException {
        JsonFactory factory = JsonFactory.builder().configure(JsonWriteFeature.ESCAPE_NON_ASCII, asciiOnly).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartArray();
            generator.writeString(text);
            generator.writeString(text + text);
            generator.writeEndArray();
        }
        return out.toByteArray();
    }
}
