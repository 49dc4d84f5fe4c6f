package io.firelake.config.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Reads a UTC day option ({@code --date}, {@code --from}, {@code --to}) as {@code yyyy-MM-dd}, saying so when it is not. */
public final class DayConverter implements ITypeConverter<LocalDate> {

    @Override
    public LocalDate convert(String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a day: use yyyy-MM-dd, e.g. 2026-11-21");
        }
    }
}
