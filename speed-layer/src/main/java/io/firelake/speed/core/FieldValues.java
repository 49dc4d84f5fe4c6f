package io.firelake.speed.core;

import io.firelake.speed.core.spec.FieldSpec;

import java.math.BigDecimal;

/** What the {@link DeclaredEventReader} derives from a field's settings once, and the string cut it applies. */
final class FieldValues {

    private FieldValues() {
    }

    /** The text up to the first of the {@code cutAt} characters, then at most {@code maxLength} chars. */
    static String cut(String text, String cutAt, int maxLength) {
        int end = text.length();
        if (cutAt != null) {
            for (int i = 0; i < cutAt.length(); i++) {
                int at = text.indexOf(cutAt.charAt(i), 0); // String.indexOf(int) is a vectorised intrinsic
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
        }
        if (maxLength > 0 && end > maxLength) {
            end = maxLength;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never split a surrogate pair: the key must stay valid UTF-16
            }
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    static long defaultNumber(FieldSpec field) {
        BigDecimal value = new BigDecimal(field.defaultValue());
        return switch (field.type()) {
            case DOUBLE -> Double.doubleToLongBits(value.doubleValue());
            case DECIMAL -> value.setScale(field.scale(), java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
            default -> value.longValueExact();
        };
    }

    static boolean hasChecks(FieldSpec field) {
        return field.required() || field.requiredWhen() != null || field.defaultValue() != null || field.isEnum()
                || field.pattern() != null || field.cutAt() != null || field.maxLength() > 0;
    }
}
