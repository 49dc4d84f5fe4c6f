package io.firelake.config.sam;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Parameters of a SAM template: each one's Type and Default. A setting asked for is there, has a Default and is of
 * the type asked for, or the call throws a {@link SamTemplateException} that names the template and the parameter.
 *
 * @param source     the template, as errors name it (its path)
 * @param parameters every parameter, by name
 */
public record SamParameters(String source, Map<String, Parameter> parameters) {

    /**
     * One parameter.
     *
     * @param type         CloudFormation's Type ({@code String}, {@code Number}...)
     * @param defaultValue its Default as text; null when it has none
     */
    public record Parameter(String name, String type, String defaultValue) {

        /** A Number parameter's Default must be a number, or CloudFormation rejects the template: so do we, at once. */
        void checkDefault(String source) {
            if ("Number".equals(type) && defaultValue != null && decimal(defaultValue) == null) {
                throw new SamTemplateException(source + ": Parameter '" + name + "' is of Type Number but its Default '"
                        + defaultValue + "' is not a number");
            }
        }
    }

    public SamParameters {
        parameters = Map.copyOf(parameters);
        parameters.values().forEach(p -> p.checkDefault(source));
    }

    /** Parameters of Type String with these Defaults, for callers that bring their own settings (tests). */
    public static SamParameters of(String source, Map<String, String> defaults) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        defaults.forEach((name, value) -> parameters.put(name, new Parameter(name, "String", value)));
        return new SamParameters(source, parameters);
    }

    /** Every Default, by parameter name; parameters without one are left out. */
    public Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        parameters.values().stream().filter(p -> p.defaultValue() != null)
                .forEach(p -> defaults.put(p.name(), p.defaultValue()));
        return Map.copyOf(defaults);
    }

    /** The parameter's Default, as written. */
    public String text(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new SamTemplateException(source + ": no Parameter '" + name + "' (it has "
                    + String.join(", ", new TreeSet<>(parameters.keySet())) + ")");
        }
        if (parameter.defaultValue() == null) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' has no Default");
        }
        return parameter.defaultValue();
    }

    public double number(String name) {
        return numeric(name).doubleValue();
    }

    public int integer(String name) {
        try {
            return numeric(name).intValueExact();
        } catch (ArithmeticException e) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' Default '" + text(name)
                    + "' is not a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
    }

    private BigDecimal numeric(String name) {
        BigDecimal number = decimal(text(name));
        if (number == null) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' Default '" + text(name)
                    + "' is not a number");
        }
        return number;
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
