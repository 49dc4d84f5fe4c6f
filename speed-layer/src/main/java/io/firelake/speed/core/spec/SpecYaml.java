package io.firelake.speed.core.spec;

import io.firelake.events.yaml.YamlException;
import io.firelake.events.yaml.YamlSetting;

import java.util.Set;
import java.util.TreeSet;

/** How speed-layer.yaml names a mistake: a {@link SpecException} at the value's line, in docs/contracts.md's words. */
record SpecYaml(String source) implements YamlSetting.Dialect {

    @Override
    public RuntimeException failure(int line, String path, String problem) {
        return new SpecException(source, line, path.isEmpty() ? null : path, problem);
    }

    @Override
    public RuntimeException unreadable(YamlException e) {
        return e.duplicateKey() != null ? new SpecException(source, e.line(), e.duplicateKey(), "appears twice")
                : new SpecException(source, e.line(), null, "not valid YAML: " + e.problem());
    }

    @Override
    public boolean keyLines() {
        return false;
    }

    @Override
    public String missing() {
        return "missing";
    }

    @Override
    public String notText() {
        return "expected a single value";
    }

    @Override
    public String notMapping() {
        return "expected a mapping (key: value lines)";
    }

    @Override
    public String notList() {
        return "expected a list of values, as [a, b]";
    }

    @Override
    public String unknownKey(Set<String> allowed) {
        return "unknown setting; settings here: " + new TreeSet<>(allowed);
    }
}
