package io.firelake.glue.job;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        for (FileStatus status : dataFiles(directory)) {
            files.add(status.getPath().toString());
            bytes += status.getLen();
        }
        files.sort(String::compareTo);
        return new Listing(files, bytes);
    }

    /** A data file and when it was last written (S3's Last-Modified, a file's mtime), in epoch milliseconds. */
    public record Stamped(String path, long modified) {
    }

    /** Data files under a directory, recursively, with their modification times (none when it does not exist). */
    public List<Stamped> stamped(String directory) {
        return dataFiles(directory).stream()
                .map(status -> new Stamped(status.getPath().toString(), status.getModificationTime())).toList();
    }

    /** The data files under a directory, recursively, in listing order; Spark's {@code _SUCCESS} and hidden ones not. */
    private List<FileStatus> dataFiles(String directory) {
        List<FileStatus> files = new ArrayList<>();
        try {
            Path dir = new Path(directory);
            FileSystem fs = dir.getFileSystem(conf);
            if (!fs.exists(dir)) {
                return files;
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                FileStatus status = it.next();
                String name = status.getPath().getName();
                if (!name.startsWith("_") && !name.startsWith(".")) {
                    files.add(status);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return files;
    }

    /** A small text file's content, or null when it does not exist. */
    public String readText(String file) {
        try {
            Path p = new Path(file);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                return null;
            }
            try (var in = fs.open(p)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes a small text file whole (on S3 one PUT: readers see the old or the new content, never a part). */
    public void writeText(String file, String text) {
        try {
            Path p = new Path(file);
            try (var out = p.getFileSystem(conf).create(p, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
