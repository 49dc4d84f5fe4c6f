package io.firelake.events.contract;

import io.firelake.events.yaml.YamlException;
import io.firelake.events.yaml.YamlSetting;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/** How contract.yaml names a mistake: a {@link ContractException} at the key's own line, in docs/contracts.md's words. */
record ContractYaml(String file) implements YamlSetting.Dialect {

    /** The root of {@code yaml}; {@code file} is how errors name it. */
    static YamlSetting root(String file, byte[] yaml) {
        return YamlSetting.read(new InputStreamReader(new ByteArrayInputStream(yaml), StandardCharsets.UTF_8),
                new ContractYaml(file));
    }

    @Override
    public RuntimeException failure(int line, String path, String problem) {
        return new ContractException(file, line, path, problem);
    }

    @Override
    public RuntimeException unreadable(YamlException e) {
        return new ContractException(file, e.line(), "", e.problem());
    }

    @Override
    public boolean keyLines() {
        return true;
    }

    @Override
    public String missing() {
        return "is required";
    }

    @Override
    public String notText() {
        return "must be a non-empty text";
    }

    @Override
    public String notMapping() {
        return "must be a mapping of names to values";
    }

    @Override
    public String notList() {
        return "must be a list";
    }

    @Override
    public String unknownKey(Set<String> allowed) {
        return "unknown key; expected one of " + new TreeSet<>(allowed);
    }
}
