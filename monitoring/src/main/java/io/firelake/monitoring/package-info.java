/** Firehose delivery monitoring, accounting and replay. */
package io.firelake.monitoring;
