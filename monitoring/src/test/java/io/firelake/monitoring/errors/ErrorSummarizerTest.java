package io.firelake.monitoring.errors;

import io.firelake.monitoring.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorSummarizerTest {
    private static final Instant ARRIVAL = Instant.parse("2026-11-22T03:09:24.123Z");

    private static ErrorDocumentParser.Parsed parse(String object, String type) throws Exception {
        return new ErrorDocumentParser().parse(new ByteArrayInputStream(object.getBytes(StandardCharsets.UTF_8)), type,
                "errors/" + type + "/2026/11/22/obj");
    }

    @Test
    void decodesFirehoseErrorDocuments() throws Exception {
        byte[] raw = {'{', '"', 'a', '"', ':', (byte) 0xC3, (byte) 0x28, '\n', '}'};
        ErrorDocumentParser.Parsed parsed = parse(Fixtures.errorDocument(raw, "Lambda.ProcessingFailed",
                "INVALID_UTF8", ARRIVAL) + "\n", ErrorDocument.PROCESSING_FAILED);

        ErrorDocument doc = parsed.documents().get(0);
        assertThat(doc.attemptsMade()).isEqualTo(4);
        assertThat(doc.arrivalTimestamp()).isEqualTo(ARRIVAL);
        assertThat(doc.rawBytes()).isEqualTo(raw);
        assertThat(doc.rawSha256()).isEqualTo(ErrorDocument.sha256Hex(raw));
        assertThat(doc.rawPreview(100)).isEqualTo("{\"a\":\uFFFD(\\u000a}");
        assertThat(doc.lambdaArn()).contains("firelake-transform");
    }

    @Test
    void countsByTypeCodeAndRecomputedReasonWithAFewSamples() throws Exception {
        StringBuilder processing = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            String raw = "{\"n\":" + i + (i == 4 ? "}" : "");
            processing.append(Fixtures.errorDocument(raw.getBytes(StandardCharsets.UTF_8),
                    "Lambda.ProcessingFailed", "bad", ARRIVAL)).append('\n');
        }
        String conversion = Fixtures.errorDocument("{\"price\":\"abc\"}".getBytes(StandardCharsets.UTF_8),
                "DataFormatConversion.InvalidSchema", "The schema is invalid. price", ARRIVAL) + "\n";
        List<ErrorDocument> docs = new java.util.ArrayList<>(parse(processing.toString(),
                ErrorDocument.PROCESSING_FAILED).documents());
        ErrorDocumentParser.Parsed damaged = parse(conversion + "{\"attemptsMade\": 1, \"rawDa", 
                ErrorDocument.FORMAT_CONVERSION_FAILED);
        docs.addAll(damaged.documents());
        ReasonClassifier classifier = (raw, at) -> new String(raw, StandardCharsets.UTF_8).endsWith("}")
                ? Optional.empty() : Optional.of("MALFORMED_JSON");

        ErrorSummary summary = new ErrorSummarizer(classifier, 2).summarize(docs, damaged.unreadable());

        assertThat(summary.total()).isEqualTo(6);
        assertThat(summary.unreadableObjects()).isEqualTo(1);
        assertThat(summary.count(ErrorDocument.PROCESSING_FAILED)).isEqualTo(5);
        assertThat(summary.byOutputTypeAndErrorCode().get(ErrorDocument.FORMAT_CONVERSION_FAILED))
                .containsEntry("DataFormatConversion.InvalidSchema", 1L);
        assertThat(summary.byReason()).containsEntry("MALFORMED_JSON", 4L).containsEntry("Lambda.ProcessingFailed", 1L)
                .containsEntry("DataFormatConversion.InvalidSchema", 1L);
        assertThat(summary.samples()).extracting(ErrorSummary.Sample::rawPreview)
                .as("one sample of each reason first, in document order")
                .containsExactly("{\"n\":0", "{\"n\":4}", "{\"price\":\"abc\"}");
    }

    @Test
    void readsConversionFailuresWithTheirCapitalisedFields() throws Exception {
        String doc = "{\"attemptsMade\":1,\"arrivalTimestamp\":1763780964123,\"ErrorCode\":\"DataFormatConversion.ParseError\","
                + "\"ErrorMessage\":\"Unexpected token\",\"attemptEndingTimestamp\":1763780965000,\"rawData\":\"e30=\","
                + "\"sequenceNumber\":\"4959\",\"subSequenceNumber\":0,\"dataCatalogTable\":{\"databaseName\":\"firelake\"}}";

        ErrorDocument parsed = parse(doc, ErrorDocument.FORMAT_CONVERSION_FAILED).documents().get(0);

        assertThat(parsed.errorCode()).isEqualTo("DataFormatConversion.ParseError");
        assertThat(parsed.errorMessage()).isEqualTo("Unexpected token");
        assertThat(parsed.rawPreview(10)).isEqualTo("{}");
    }
}
