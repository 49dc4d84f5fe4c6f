package io.firelake.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The parsed {@code sam/template.yaml} with the navigation the checks need. Loaded once per test run: it is immutable
 * input.
 */
record SamTemplate(Path path, Map<String, Object> root) {

    private static SamTemplate loaded;
    private static SamTemplate deployed;

    /**
     * The template that is deployed, {@code target/template.yaml}: the source with the reports as named queries, which
     * the build writes before the tests (athena-queries {@code DeployTemplate}).
     */
    static synchronized SamTemplate deployed() {
        if (deployed == null) {
            Path path = moduleDir().resolve("target").resolve("template.yaml");
            try {
                deployed = new SamTemplate(path, CloudFormationYaml.read(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " (written by the sam module's build)", e);
            }
        }
        return deployed;
    }

    static synchronized SamTemplate load() {
        if (loaded == null) {
            Path path = moduleDir().resolve("template.yaml");
            try {
                loaded = new SamTemplate(path, CloudFormationYaml.read(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return loaded;
    }

    /** The {@code sam/} module directory, whether tests run from it (Maven) or from the repository root (an IDE). */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        if (Files.exists(here.resolve("template.yaml"))) {
            return here;
        }
        if (Files.exists(here.resolve("sam/template.yaml"))) {
            return here.resolve("sam");
        }
        throw new IllegalStateException("no template.yaml in " + here + " or its sam/ folder");
    }

    String text() {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> section(String name) {
        Object section = root.get(name);
        return section == null ? Map.of() : map(section);
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    Map<String, Object> parameter(String name) {
        Object parameter = parameters().get(name);
        if (parameter == null) {
            throw new AssertionError("template has no parameter " + name);
        }
        return map(parameter);
    }

    Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new AssertionError("template has no resource " + logicalId);
        }
        return map(resource);
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    /** Logical ids of the resources of one type, in template order. */
    List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The only resource of a type. */
    String single(String type) {
        List<String> ids = resourcesOfType(type);
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + ids);
        }
        return ids.get(0);
    }

    /**
     * The value as deployed with the parameters' defaults: a {@code Ref} to a parameter becomes its Default, a literal
     * stays itself; anything else (a resource reference, a function) is empty.
     */
    Optional<Object> withDefaults(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String name) {
            Object parameter = parameters().get(name);
            return parameter == null ? Optional.empty() : Optional.ofNullable(map(parameter).get("Default"));
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.empty();
        }
        return Optional.ofNullable(value);
    }

    /** The parameter a value refers to with {@code Ref}, if it does. */
    Optional<String> parameterRef(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.get("Ref") instanceof String name
                && parameters().containsKey(name)) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?>) {
            return (List<Object>) value;
        }
        return value == null ? List.of() : List.of(value);
    }

    /** Follows a path of keys through nested mappings; empty when a key is missing. */
    static Optional<Object> at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m) || !m.containsKey(key)) {
                return Optional.empty();
            }
            current = m.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** Visits every node under {@code node} with a readable path. */
    static void walk(String path, Object node, BiConsumer<String, Object> visitor) {
        visitor.accept(path, node);
        if (node instanceof Map<?, ?> m) {
            new LinkedHashMap<>(m).forEach((k, v) -> walk(path + "." + k, v, visitor));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(path + "[" + i + "]", l.get(i), visitor);
            }
        }
    }
}
