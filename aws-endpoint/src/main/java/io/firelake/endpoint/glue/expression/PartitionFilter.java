package io.firelake.endpoint.glue.expression;

import io.firelake.endpoint.json.AwsServiceException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A parsed partition {@code Expression} of {@code GetPartitions}, bound to the table's partition keys: each term
 * reads one key by its position among the keys and compares it as the key's type ({@link PartitionKeyType}); the
 * literals are already values of that type. {@link PartitionExpressionParser} builds it.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html">GetPartitions</a>
 */
public sealed interface PartitionFilter {

    /** Whether a partition with these values (in the order of the table's keys) is selected. */
    boolean test(List<String> values);

    /** The comparison operators Glue documents ({@code !=} is read as {@code <>}, as JSQLParser does). */
    enum Operator {
        EQ, NE, LT, LE, GT, GE;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    /** A partition key: its position among the table's keys, its name and how it compares. */
    record Key(int index, String name, PartitionKeyType type) {

        /** The partition's value as the key's type; a value that is not one is Glue's InvalidStateException. */
        Comparable<?> of(List<String> values) {
            String text = values.get(index);
            if (text == null) {
                return null;
            }
            Comparable<?> value = type.value(text);
            if (value == null) {
                throw AwsServiceException.of("InvalidStateException", type.notA(text));
            }
            return value;
        }
    }

    record Comparison(Key key, Operator operator, Comparable<?> literal) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            Comparable<?> value = key.of(values);
            return value != null && operator.holds(compare(value, literal));
        }
    }

    record Between(Key key, Comparable<?> low, Comparable<?> high) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            Comparable<?> value = key.of(values);
            return value != null && compare(value, low) >= 0 && compare(value, high) <= 0;
        }
    }

    record In(Key key, List<Comparable<?>> literals) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            Comparable<?> value = key.of(values);
            return value != null && literals.stream().anyMatch(l -> compare(value, l) == 0);
        }
    }

    /** SQL's {@code LIKE}: {@code %} any run of characters, {@code _} one character; no regular expressions. */
    record Like(Key key, Pattern pattern) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            String value = values.get(key.index());
            return value != null && pattern.matcher(value).matches();
        }
    }

    /** Partition values are never null in Glue's catalog, so this selects none ({@code IS NOT NULL}: all). */
    record IsNull(Key key) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            return values.get(key.index()) == null;
        }
    }

    record Not(PartitionFilter term) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            return !term.test(values);
        }
    }

    record And(PartitionFilter left, PartitionFilter right) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            return left.test(values) && right.test(values);
        }
    }

    record Or(PartitionFilter left, PartitionFilter right) implements PartitionFilter {
        @Override
        public boolean test(List<String> values) {
            return left.test(values) || right.test(values);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> value, Comparable<?> literal) {
        return ((Comparable) value).compareTo(literal);
    }
}
