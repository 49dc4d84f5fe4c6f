package io.firelake.config.sam;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Parameters of {@code sam/template.yaml}, the pipeline's one source of settings: the local runtime and the
 * operator's commands read their Defaults, AWS deploys with them. Every failure is loud and names the file (and the
 * parameter, see {@link SamParameters}); nothing falls back to a default of its own.
 *
 * <p>CloudFormation's short-form tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !Join}...) elsewhere in the
 * template parse: Jackson's YAML parser reads a tagged node as its untagged value.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html">CloudFormation Parameters</a>
 */
public final class SamTemplate {

    /** Where the template lives in the repository, relative to its root. */
    public static final Path IN_REPOSITORY = Path.of("sam", "template.yaml");
    /** The template as packaged into this module's jar at build time, for a jar run outside the repository. */
    public static final String PACKAGED = "/io/firelake/config/sam/template.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SamTemplate() {
    }

    /**
     * The repository's template when run from the repository root (so an edit takes effect at once), else the one
     * packaged into the jar.
     */
    public static SamParameters load() {
        return read(SamTemplate::parse);
    }

    /**
     * The Resources section of the template {@link #load()} reads, as a tree: CloudFormation's short-form tags read as
     * their untagged value ({@code !Ref GlueDatabase} as {@code "GlueDatabase"}, {@code !Sub 's3://${Bucket}/'} as
     * {@code "s3://${Bucket}/"}), so the caller resolves them.
     */
    public static JsonNode resources() {
        return read((in, source) -> {
            JsonNode resources = tree(in, source).get("Resources");
            if (resources == null || !resources.isObject()) {
                throw new SamTemplateException(source + ": no Resources section");
            }
            return resources;
        });
    }

    private interface Reader<T> {
        T read(InputStream in, String source);
    }

    private static <T> T read(Reader<T> reader) {
        if (Files.isRegularFile(IN_REPOSITORY)) {
            try (InputStream in = Files.newInputStream(IN_REPOSITORY)) {
                return reader.read(in, IN_REPOSITORY.toString());
            } catch (IOException e) {
                throw new SamTemplateException(IN_REPOSITORY + ": cannot read: " + e.getMessage(), e);
            }
        }
        URL packaged = SamTemplate.class.getResource(PACKAGED);
        if (packaged == null) {
            throw new SamTemplateException(IN_REPOSITORY + " is not under the working directory ("
                    + Path.of("").toAbsolutePath() + ") and no copy is packaged in firelake-config (" + PACKAGED + ")");
        }
        try (InputStream in = packaged.openStream()) {
            return reader.read(in, IN_REPOSITORY + " (packaged: " + packaged + ")");
        } catch (IOException e) {
            throw new SamTemplateException("cannot read " + packaged + ": " + e.getMessage(), e);
        }
    }

    public static SamParameters load(Path template) {
        try (InputStream in = Files.newInputStream(template)) {
            return parse(in, template.toString());
        } catch (NoSuchFileException e) {
            throw new SamTemplateException(template + ": no such file (the SAM template with the pipeline's settings)", e);
        } catch (IOException e) {
            throw new SamTemplateException(template + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The Parameters of the template in {@code in}; {@code source} names it in every error. */
    public static SamParameters parse(InputStream in, String source) {
        JsonNode root = tree(in, source);
        JsonNode parameters = root.get("Parameters");
        if (parameters == null || !parameters.isObject()) {
            throw new SamTemplateException(source + ": no Parameters section");
        }
        Map<String, SamParameters.Parameter> read = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            read.put(field.getKey(), parameter(source, field.getKey(), field.getValue()));
        }
        return new SamParameters(source, read);
    }

    private static JsonNode tree(InputStream in, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            throw new SamTemplateException(source + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new SamTemplateException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SamTemplateException(source + ": not a template (no mapping at the top)");
        }
        return root;
    }

    private static SamParameters.Parameter parameter(String source, String name, JsonNode body) {
        if (!body.isObject()) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' is not a mapping (Type, Default...)");
        }
        JsonNode type = body.get("Type");
        if (type == null || !type.isValueNode()) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' has no Type");
        }
        JsonNode value = body.get("Default");
        if (value != null && !value.isNull() && !value.isValueNode()) {
            throw new SamTemplateException(source + ": Parameter '" + name + "' has a Default that is not a single value");
        }
        String defaultValue = value == null || value.isNull() ? null : value.asText();
        return new SamParameters.Parameter(name, type.asText(), defaultValue);
    }
}
