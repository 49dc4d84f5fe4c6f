package io.firelake.local.endpoint;

import io.firelake.endpoint.athena.ResultsWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

/**
 * Writes a query's result files to S3 (S3Proxy locally) with the S3 client, where Athena writes them: the output
 * location's bucket and key. A missing bucket fails the query with Athena's reason.
 */
final class S3ResultsWriter implements ResultsWriter {

    private final S3Client s3;

    S3ResultsWriter(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public void write(String location, byte[] content) {
        URI uri = URI.create(location);
        String bucket = uri.getHost();
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        try {
            s3.putObject(b -> b.bucket(bucket).key(key)
                            .contentType(key.endsWith(".csv") ? "text/csv" : "application/octet-stream"),
                    RequestBody.fromBytes(content));
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                throw new IllegalStateException("Unable to verify/create output bucket " + bucket, e);
            }
            throw new IllegalStateException("Error writing query results to " + location + ": "
                    + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IllegalStateException("Error writing query results to " + location + ": "
                    + e.getMessage(), e);
        }
    }
}
