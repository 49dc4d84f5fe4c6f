/**
 * The local console: a page on loopback that shows the running pipeline live (rates per edge, buffers and flushes,
 * the monitor's verdict, errors, the lake, the speed layer), fed by JSON endpoints under {@code /api/} and server-sent
 * events. See docs/local-runtime.md, "The local console".
 */
package io.firelake.local.console;
