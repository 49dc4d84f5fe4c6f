package io.firelake.local.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Parameters defaults of the SAM template. CloudFormation short-form tags ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt}...) elsewhere in the template are tolerated: the YAML parser reads a tagged scalar as its text.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html">CloudFormation Parameters</a>
 */
public final class SamTemplate {

    /** The template as packaged into this jar at build time. */
    public static final String PACKAGED = "/io/firelake/local/config/template.yaml";
    /** Where the template lives in the repository. */
    public static final Path IN_REPOSITORY = Path.of("sam", "template.yaml");

    private SamTemplate() {
    }

    /** The repository's template when run from the repository root (so an edit takes effect at once), else the packaged one. */
    public static PipelineSettings load() {
        if (Files.isRegularFile(IN_REPOSITORY)) {
            return load(IN_REPOSITORY);
        }
        try (InputStream in = SamTemplate.class.getResourceAsStream(PACKAGED)) {
            if (in == null) {
                throw new IllegalStateException("sam/template.yaml is neither in the working directory nor packaged in the jar");
            }
            return parse(in, "packaged " + PACKAGED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PipelineSettings load(Path template) {
        try (InputStream in = Files.newInputStream(template)) {
            return parse(in, template.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template + ": " + e.getMessage(), e);
        }
    }

    static PipelineSettings parse(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        JsonNode parameters = root == null ? null : root.get("Parameters");
        if (parameters == null || !parameters.isObject()) {
            throw new IllegalStateException(source + " has no Parameters section");
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> parameter = fields.next();
            JsonNode value = parameter.getValue().get("Default");
            if (value != null && !value.isNull()) {
                defaults.put(parameter.getKey(), value.asText());
            }
        }
        return new PipelineSettings(defaults);
    }
}
