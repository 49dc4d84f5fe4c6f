package io.firelake.config.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads an instant option ({@code realtime --until}) as ISO-8601 with {@code Z} or an offset, saying so when it is not. */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an instant: use ISO-8601 with Z or an offset, "
                    + "e.g. 2026-11-21T14:05:00Z");
        }
    }
}
