package io.firelake.config.sam;

/**
 * The SAM template cannot give a setting: the file is missing or unreadable, a parameter is missing, has no Default,
 * or its Default is not of the type asked for. The message names the template and the parameter.
 */
public final class SamTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SamTemplateException(String message) {
        super(message);
    }

    public SamTemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
