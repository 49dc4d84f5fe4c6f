package io.firelake.monitoring.aws;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which S3 prefixes can hold the error objects of a time window, from the delivery stream's ErrorOutputPrefix, so that
 * monitoring lists a few days of one error prefix instead of its whole history. {@code !{timestamp:...}} expressions
 * are Java DateTimeFormatter patterns evaluated in UTC on the arrival time of the oldest record of an object; a
 * prefix is cut at any other expression (listing the rest is still correct, only wider).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">Custom prefixes for Amazon S3
 *      objects</a>
 */
final class ErrorPrefixPlan {
    static final String ERROR_OUTPUT_TYPE = "!{firehose:error-output-type}";
    /** An object is named by its oldest record, which can arrive up to a buffer interval (900 s) and retries earlier. */
    static final Duration LOOK_BEFORE = Duration.ofHours(1);
    private static final Pattern EXPRESSION = Pattern.compile("!\\{([^}:]+):([^}]*)}");

    private final String template;

    ErrorPrefixPlan(String template) {
        this.template = template == null ? "" : template;
    }

    /** The part before any expression: always safe to list. */
    String staticHead() {
        int expression = template.indexOf("!{");
        return expression >= 0 ? template.substring(0, expression) : template;
    }

    /** Longer windows (a replay of everything) list the static head instead of rendering hour after hour. */
    static final Duration MAX_PLANNED_WINDOW = Duration.ofDays(31);

    /**
     * True when the window's prefixes can be planned: the error output type is a folder right after the static head,
     * as in {@code errors/!{firehose:error-output-type}/...}, and the window is at most {@link #MAX_PLANNED_WINDOW}.
     */
    boolean canPlan(Instant from, Instant to) {
        String head = staticHead();
        return template.startsWith(ERROR_OUTPUT_TYPE + "/", head.length())
                && Duration.between(from, to).compareTo(MAX_PLANNED_WINDOW) <= 0;
    }

    /**
     * The prefixes to list for one error output type (as the folder name found under the head) over [from, to): the
     * template after the type rendered for every hour of the window.
     */
    List<String> prefixesFor(String errorOutputType, Instant from, Instant to) {
        String afterType = template.substring(staticHead().length() + ERROR_OUTPUT_TYPE.length());
        Set<String> prefixes = new LinkedHashSet<>();
        Instant hour = from.minus(LOOK_BEFORE).truncatedTo(ChronoUnit.HOURS);
        while (hour.isBefore(to)) {
            prefixes.add(staticHead() + errorOutputType + render(afterType, hour));
            hour = hour.plus(Duration.ofHours(1));
        }
        return new ArrayList<>(prefixes);
    }

    static String render(String template, Instant at) {
        StringBuilder out = new StringBuilder();
        Matcher m = EXPRESSION.matcher(template);
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            if (!m.group(1).equals("timestamp")) {
                return out.toString();
            }
            out.append(DateTimeFormatter.ofPattern(m.group(2)).withZone(ZoneOffset.UTC).format(at));
            last = m.end();
        }
        return out.append(template.substring(last)).toString();
    }
}
