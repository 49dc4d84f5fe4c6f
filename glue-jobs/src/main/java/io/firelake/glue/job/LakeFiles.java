package io.firelake.glue.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** File listing through Hadoop's FileSystem, so the same code lists {@code s3://} on Glue and directories locally. */
public final class LakeFiles {

    /** Data files under a directory, recursively (Spark's {@code _SUCCESS} and hidden files excluded). */
    public record Listing(List<String> files, long bytes) {
        public Listing {
            files = List.copyOf(files);
        }
    }

    private final Configuration conf;

    public LakeFiles(Configuration conf) {
        this.conf = conf;
    }

    public boolean exists(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + path, e);
        }
    }

    public void delete(String path) {
        try {
            Path p = new Path(path);
            p.getFileSystem(conf).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    public Listing list(String directory) {
        List<String> files = new ArrayList<>();
        long bytes = 0;
        try {
            Path dir = new Path(directory);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return new Listing(List.of(), 0);
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                FileStatus status = it.next();
                String name = status.getPath().getName();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                files.add(status.getPath().toString());
                bytes += status.getLen();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        files.sort(String::compareTo);
        return new Listing(files, bytes);
    }

    public long size(String file) {
        try {
            Path p = new Path(file);
            return p.getFileSystem(conf).getFileStatus(p).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + file, e);
        }
    }
}
