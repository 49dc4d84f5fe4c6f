package io.firelake.events.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contract's .avsc that is not JSON is named by line and column, without Jackson's "[Source: REDACTED]" trailer. */
class AvroSchemaReaderErrorsTest {

    @Test
    void aSchemaCutShortSaysWhereAndWhat() {
        assertThatThrownBy(() -> new AvroSchemaReader().read("{\"type\": \"record\", \"name\": \n"))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("cannot read Avro schema: line 2, column 1: Unexpected end-of-input")
                .hasMessageNotContaining("REDACTED").hasMessageNotContaining("StreamReadFeature");
    }
}
