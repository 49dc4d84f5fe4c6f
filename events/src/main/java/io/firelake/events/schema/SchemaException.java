package io.firelake.events.schema;

/** An event schema that cannot be read or uses a type the pipeline does not support. */
public class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message);
    }

    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
