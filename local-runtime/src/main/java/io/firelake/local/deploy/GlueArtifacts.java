package io.firelake.local.deploy;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Uploads the Glue jobs' code, the jar ({@code --extra-jars}) and the script ({@code ScriptLocation}), to
 * {@code s3://BUCKET/PREFIX/glue/<hash>/}, where {@code <hash>} is the first 16 hex digits of the SHA-256 of both files:
 * a changed jar gets a new URI, so the stack's parameters change and CloudFormation updates the jobs, and an unchanged
 * one is not uploaded again. Creates the bucket when it does not exist.
 */
public final class GlueArtifacts {

    /** Where the stack's Glue jobs find their code: the values of GlueScriptLocation and GlueJobsJarLocation. */
    public record Locations(String script, String jar) {
    }

    /** The build's jar and the script, relative to the repository root. */
    public static final Path JAR = Path.of("glue-jobs", "target", "firelake-glue-jobs.jar");
    public static final Path SCRIPT = Path.of("glue-jobs", "src", "main", "glue", "launcher.scala");

    private final S3Client s3;
    private final PrintWriter out;

    public GlueArtifacts(S3Client s3, PrintWriter out) {
        this.s3 = s3;
        this.out = out;
    }

    public Locations upload(Path root, String bucket, String prefix) {
        Path jar = root.resolve(JAR);
        Path script = root.resolve(SCRIPT);
        for (Path file : new Path[]{jar, script}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: build first (./mvnw -B package -DskipTests)");
            }
        }
        ensureBucket(bucket);
        String folder = (prefix.isEmpty() ? "" : prefix + "/") + "glue/" + hash(jar, script);
        return new Locations(put(bucket, folder, script), put(bucket, folder, jar));
    }

    private void ensureBucket(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return;
        } catch (NoSuchBucketException e) {
            // created below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        // Outside us-east-1 S3 wants the region named as the bucket's location constraint.
        Region region = s3.serviceClientConfiguration().region();
        s3.createBucket(b -> {
            b.bucket(bucket);
            if (region != null && !Region.US_EAST_1.equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
            }
        });
        out.println("created bucket " + bucket);
    }

    private String put(String bucket, String folder, Path file) {
        String key = folder + "/" + file.getFileName();
        String uri = "s3://" + bucket + "/" + key;
        try {
            long size = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
            if (size == Files.size(file)) {
                out.println("unchanged " + uri);
                return uri;
            }
        } catch (NoSuchKeyException e) {
            // not uploaded yet
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        out.println("uploaded " + file + " -> " + uri);
        out.flush();
        return uri;
    }

    static String hash(Path... files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
