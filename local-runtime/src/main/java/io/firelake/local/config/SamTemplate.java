package io.firelake.local.config;

import java.nio.file.Path;

/**
 * The local runtime's settings from the SAM template, through config's one reader
 * ({@link io.firelake.config.sam.SamTemplate}): the repository's {@code sam/template.yaml} when run from its root, else
 * the copy packaged in firelake-config.
 */
public final class SamTemplate {

    private SamTemplate() {
    }

    public static PipelineSettings load() {
        return new PipelineSettings(io.firelake.config.sam.SamTemplate.load());
    }

    public static PipelineSettings load(Path template) {
        return new PipelineSettings(io.firelake.config.sam.SamTemplate.load(template));
    }
}
