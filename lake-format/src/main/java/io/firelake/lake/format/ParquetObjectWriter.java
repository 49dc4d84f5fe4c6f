package io.firelake.lake.format;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One Parquet object of the lake, written to a local file (the S3 object's body): SNAPPY, as Firehose writes Parquet
 * (no outer compression with format conversion).
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html">Firehose record format conversion</a>
 */
public final class ParquetObjectWriter implements Closeable {

    private final ParquetWriter<GenericRecord> writer;
    private final Path file;
    private long rows;

    public ParquetObjectWriter(LakeSchema schema, Path file) {
        this.file = file;
        try {
            PlainParquetConfiguration conf = new PlainParquetConfiguration();
            this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                    .withConf(conf)
                    .withSchema(schema.avroSchema())
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open Parquet file " + file, e);
        }
    }

    public void write(GenericRecord row) {
        try {
            writer.write(row);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to Parquet file " + file, e);
        }
    }

    public long rows() {
        return rows;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close Parquet file " + file, e);
        }
    }
}
