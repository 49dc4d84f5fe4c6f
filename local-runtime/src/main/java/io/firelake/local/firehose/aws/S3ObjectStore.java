package io.firelake.local.firehose.aws;

import io.firelake.local.firehose.ObjectStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.nio.file.Path;

/** The S3 destination through the AWS SDK: one PutObject per object, the call Firehose makes. */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * The destination of a delivery stream: its bucket must exist, as Firehose writes to a bucket and never creates
     * one (the template's stack creates the lake bucket).
     */
    public S3ObjectStore requireBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("The S3 bucket " + bucket + " (BucketARN arn:aws:s3:::" + bucket
                    + ") does not exist: create it, then delete this delivery stream and create it again.");
        }
        return this;
    }

    /** Creates the bucket when it is missing (local engines start empty). */
    public S3ObjectStore ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException ignored) {
                // created concurrently: fine
            }
        }
        return this;
    }

    @Override
    public void put(String key, Path body, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(body));
    }

    @Override
    public String bucket() {
        return bucket;
    }
}
