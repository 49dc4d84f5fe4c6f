package io.firelake.config.cli;

import io.firelake.config.sam.SamTemplate;

import java.util.Optional;

/** A name of the pipeline that a command takes on its command line, else from the SAM template's Default for it. */
public abstract class TemplateNamedOption {

    private final String parameter;

    TemplateNamedOption(String parameter) {
        this.parameter = parameter;
    }

    /** The option's value; null when it was not given. */
    abstract String option();

    /** The name given on the command line, if any. */
    public Optional<String> given() {
        return Optional.ofNullable(option());
    }

    /** The name given, else the SAM template's (which fails loudly if the template cannot say). */
    public String resolve() {
        return given().orElseGet(() -> SamTemplate.load().text(parameter));
    }
}
