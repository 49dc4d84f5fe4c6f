package io.firelake.transform.firehose;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's data is decoded as the JDK decodes the string, without the string: the same bytes, or none for both. */
class FirehoseEventReaderPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 2000)
    void dataIsDecodedAsTheJdkDecodesItsString(@ForAll("data") String data) throws Exception {
        String request = "{\"records\":[{\"recordId\":\"r\",\"data\":" + JSON.writeValueAsString(data) + "}]}";
        byte[] decoded = new FirehoseEventReader().read(request.getBytes(StandardCharsets.UTF_8)).records().get(0).data();
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            expected = null;
        }
        assertThat(decoded).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> data() {
        Arbitrary<String> valid = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .map(b -> Base64.getEncoder().encodeToString(b));
        Arbitrary<String> edited = valid.flatMap(text -> Arbitraries.of('=', '\u00e9', '\u0100', '-', '_', ' ', '\n',
                        'A', '\u20ac').flatMap(c -> Arbitraries.integers().between(0, text.length())
                        .map(at -> text.substring(0, at) + c + text.substring(at))));
        return Arbitraries.oneOf(valid, edited, Arbitraries.strings().ofMaxLength(12));
    }
}
