/**
 * The one owner of configuration: the SAM template's settings, the data-directory layout, durations, and the
 * command-line option mixins that every {@code firelake} command shares.
 */
package io.firelake.config;
