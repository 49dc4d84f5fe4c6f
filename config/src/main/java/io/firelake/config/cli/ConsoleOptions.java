package io.firelake.config.cli;

import picocli.CommandLine.Option;

/** {@code --console-port} and {@code --open}: the local console that {@code local up} and {@code demo} serve. */
public final class ConsoleOptions {

    /** The console's port unless told otherwise: the one after the local engines' (4566-4569). */
    public static final int DEFAULT_PORT = 4570;

    @Option(names = "--console-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "Port of the local console, a live page of the pipeline on 127.0.0.1 (default: "
                    + "${DEFAULT-VALUE}; 0 = any free port; -1 = no console).")
    int port = DEFAULT_PORT;

    @Option(names = "--open", description = "Open the console in the desktop's browser once it is up.")
    boolean open;

    public boolean enabled() {
        return port >= 0;
    }

    public int port() {
        return port;
    }

    public boolean open() {
        return open;
    }
}
