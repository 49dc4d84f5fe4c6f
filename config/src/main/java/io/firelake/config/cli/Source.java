package io.firelake.config.cli;

/** Where a command reads: the local runtime's files under the data directory, or AWS. One vocabulary for every {@code --source}. */
public enum Source {
    local, aws
}
