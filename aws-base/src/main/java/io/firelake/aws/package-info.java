/**
 * Shared AWS plumbing, in the manner of Flink's {@code flink-connector-aws-base}: one SDK client factory, one retry
 * policy for what the SDK's own retry strategies do not cover, one Kinesis shard reader and one atomic checkpoint file.
 */
package io.firelake.aws;
