package io.firelake.events.yaml;

import io.firelake.events.yaml.YamlSetting.Dialect;
import io.firelake.events.yaml.YamlSetting.Lines;
import io.firelake.events.yaml.YamlSetting.Words;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed reads of a settings file, each failure in the reader's own exception, words and line. */
class YamlSettingTest {

    private static final Words WORDS = new Words("missing", "not one text", "not a mapping", "not a list", "unknown: ");

    @Test
    void anErrorNamesTheKeysLineOrItsValuesAsTheDialectSays() {
        String yaml = "top:\n  inner:\n    - a\n";

        assertThatThrownBy(() -> read(yaml, Lines.KEY).child("top").child("inner").value())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2: top.inner: not one text");
        assertThatThrownBy(() -> read(yaml, Lines.VALUE).child("top").child("inner").value())
                .hasMessage("3: top.inner: not one text");
    }

    @Test
    void anAbsentKeyNamesItsNearestPresentAncestorsLine() {
        String yaml = "name: x\ntop:\n  a: 1\n";

        assertThatThrownBy(() -> read(yaml, Lines.KEY).child("top").child("b").child("c").required())
                .hasMessage("2: top.b.c: missing");
        assertThatThrownBy(() -> read(yaml, Lines.VALUE).child("top").child("b").required())
                .hasMessage("3: top.b: missing");
        assertThat(read(yaml, Lines.KEY).child("top").child("b").text("fallback")).isEqualTo("fallback");
    }

    @Test
    void typedReadsRefuseWhatIsNotTheirType() {
        YamlSetting root = read("""
                blank: ''
                list: [a, b, a]
                size: 1001
                flag: yes
                colour: Red
                extra: 1
                """, Lines.KEY);

        assertThat(root.child("blank").value()).isEmpty();
        assertThatThrownBy(() -> root.child("blank").text()).hasMessage("1: blank: not one text");
        assertThatThrownBy(() -> root.child("list").strings()).hasMessage("2: list: 'a' is listed twice");
        assertThat(root.child("list").items()).extracting(YamlSetting::path).containsExactly("list.0", "list.1", "list.2");
        assertThatThrownBy(() -> root.child("size").integer(1, 1, 1000))
                .hasMessage("3: size: expected a whole number from 1 to 1000, not '1001'");
        assertThat(root.child("none").integer(7, 1, 1000)).isEqualTo(7);
        assertThatThrownBy(() -> root.child("flag").bool(false)).hasMessage("4: flag: expected true or false, not 'yes'");
        assertThatThrownBy(() -> root.child("colour").oneOf(Lines.class))
                .hasMessage("5: colour: 'Red' is not one of [key, value]");
        assertThatThrownBy(() -> root.child("size").mapping()).hasMessage("3: size: not a mapping");
        assertThatThrownBy(() -> root.onlyKeys(Set.of("blank", "list", "size", "flag", "colour")))
                .hasMessage("6: extra: unknown: [blank, colour, flag, list, size]");
    }

    @Test
    void textThatIsNotYamlIsTheDialectsOwnException() {
        assertThatThrownBy(() -> read("a: [unclosed\n", Lines.KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("not YAML at 1: ");
        assertThatThrownBy(() -> read("a: 1\na: 2\n", Lines.KEY)).hasMessageStartingWith("not YAML at 2: ");
    }

    private static YamlSetting read(String yaml, Lines lines) {
        return YamlSetting.read(new StringReader(yaml), new Dialect(
                (line, path, problem) -> new IllegalArgumentException(line + ": " + path + ": " + problem),
                e -> new IllegalStateException("not YAML at " + e.line() + ": " + e.problem()), lines, WORDS));
    }
}
