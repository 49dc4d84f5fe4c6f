package io.firelake.endpoint.glue.expression;

import io.firelake.endpoint.json.AwsServiceException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * How a partition {@code Expression} compares a key's values: by the type the table declares for the key, the types
 * {@code GetPartitions} documents ({@code string}, {@code date}, {@code timestamp}, {@code int}, {@code bigint},
 * {@code long}, {@code tinyint}, {@code smallint}, {@code decimal}; {@code char} and {@code varchar} as strings). An
 * {@code int} key orders {@code 10} after {@code 9}; a {@code string} key compares text.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html">GetPartitions</a>
 */
enum PartitionKeyType {
    STRING, INTEGRAL, DECIMAL, DATE, TIMESTAMP;

    private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    /** The key's declared type ({@code decimal(10,2)} is a decimal); another type cannot be filtered on. */
    static PartitionKeyType of(String declared) {
        String type = declared == null ? "" : declared.toLowerCase(Locale.ROOT).strip();
        int bracket = type.indexOf('(');
        return switch (bracket < 0 ? type : type.substring(0, bracket).strip()) {
            case "string", "char", "varchar" -> STRING;
            case "int", "bigint", "long", "tinyint", "smallint" -> INTEGRAL;
            case "decimal" -> DECIMAL;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            default -> throw AwsServiceException.of("InvalidInputException", "Unknown type : '" + declared + "'");
        };
    }

    /** The text of a value as this type, or null when it is not one (see {@link #notA}). */
    Comparable<?> value(String text) {
        try {
            return switch (this) {
                case STRING -> text;
                case INTEGRAL -> new BigInteger(text.strip());
                case DECIMAL -> new BigDecimal(text.strip());
                case DATE -> LocalDate.parse(text.strip());
                case TIMESTAMP -> LocalDateTime.parse(text.strip(), TIMESTAMP_FORMAT);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** Glue's words for a value that is not of the key's type. */
    String notA(String text) {
        return switch (this) {
            case STRING -> text;
            case INTEGRAL -> "For input string: \"" + text + "\" is not an integer.";
            case DECIMAL -> text + " is not a decimal.";
            case DATE -> text + " is not a date.";
            case TIMESTAMP -> "Timestamp format must be yyyy-mm-dd hh:mm:ss[.fffffffff] " + text + " is not a timestamp.";
        };
    }

    /** {@code LIKE} matches text: Glue refuses it on a key of another type. */
    void checkLike() {
        if (this != STRING) {
            String name = this == INTEGRAL ? "Integral" : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
            throw AwsServiceException.of("InvalidInputException",
                    name + " data type doesn't support operation 'LIKE'");
        }
    }
}
