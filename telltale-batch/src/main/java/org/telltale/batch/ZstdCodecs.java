package org.telltale.batch;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.github.luben.zstd.Zstd;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Zstandard for the Parquet pages of {@code telltale batch}, straight through zstd-jni (which the engine
 * already ships). Parquet's own codec factory makes a Hadoop {@code Configuration} for any codec, which
 * would pull Hadoop's XML parser and its libraries into the command-line jar; this one needs none of
 * them. The pages are standard Zstandard frames, so Spark and every Parquet reader read them.
 */
final class ZstdCodecs implements CompressionCodecFactory {
    private static final int LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        check(codec);
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return BytesInput.from(Zstd.compress(bytes.toByteArray(), LEVEL));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return CompressionCodecName.ZSTD;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        boolean plain = codec == CompressionCodecName.UNCOMPRESSED;
        if (!plain) {
            check(codec);
        }
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int size) throws IOException {
                return plain ? bytes : BytesInput.from(Zstd.decompress(bytes.toByteArray(), size));
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int size) throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(plain ? in : Zstd.decompress(in, size));
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }

    private static void check(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            throw new IllegalArgumentException("telltale batch reads and writes zstd Parquet pages, not " + codec);
        }
    }
}
