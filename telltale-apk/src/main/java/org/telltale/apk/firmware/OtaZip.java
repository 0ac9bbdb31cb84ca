package org.telltale.apk.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.telltale.apk.code.CappedStream;
import org.telltale.apk.code.CodeLimits;

/**
 * An OTA or factory zip: a full A/B OTA's {@code payload.bin}, a block OTA's {@code NAME.new.dat(.br)}
 * with {@code NAME.transfer.list}, or partition images ({@code system.img}, {@code super.img}). A stored
 * entry is read in place (commons-compress gives its offset in the zip); a compressed one is inflated into
 * a temporary file, stopped past the partition limit or past the inflation ratio of the limits (zip bombs).
 */
final class OtaZip {
    private final FirmwareWalker walker;
    private final CodeLimits limits;
    private final long maxPartitionBytes;

    OtaZip(FirmwareWalker walker, CodeLimits limits, long maxPartitionBytes) {
        this.walker = walker;
        this.limits = limits;
        this.maxPartitionBytes = maxPartitionBytes;
    }

    static boolean matches(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    void walk(Path zipPath, FirmwareVisitor visitor) throws IOException, FirmwareFormatException {
        try (FileChannel channel = FileChannel.open(zipPath, StandardOpenOption.READ);
             ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            Map<String, ZipArchiveEntry> entries = new LinkedHashMap<>();
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (entries.size() >= limits.maxEntries()) {
                    throw new FirmwareFormatException("zip: more than " + limits.maxEntries() + " entries");
                }
                if (!e.isDirectory()) {
                    entries.put(e.getName(), e);
                }
            }
            ZipArchiveEntry payload = entries.get("payload.bin");
            if (payload != null) {
                withImage(zip, channel, payload, view -> new Payload(walker, maxPartitionBytes).walk(view, visitor, 1));
                return;
            }
            List<ZipArchiveEntry> newData = new ArrayList<>();
            List<ZipArchiveEntry> images = new ArrayList<>();
            for (ZipArchiveEntry e : entries.values()) {
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (TransferList.isNewData(base)) {
                    newData.add(e);
                } else if (base.endsWith(".img") && !FirmwarePaths.holdsNoFiles(FirmwarePaths.partitionName(base))) {
                    images.add(e);
                }
            }
            if (newData.isEmpty() && images.isEmpty()) {
                throw new FirmwareFormatException("zip: no payload.bin, NAME.new.dat with a transfer list, "
                        + "or partition images");
            }
            for (ZipArchiveEntry e : newData) {
                String name = e.getName();
                ZipArchiveEntry list = entries.get(name.substring(0, name.lastIndexOf(".new.dat")) + ".transfer.list");
                if (list == null) {
                    throw new FirmwareFormatException("zip: " + name + " has no transfer list beside it");
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                try (InputStream data = capped(zip, e); InputStream text = capped(zip, list)) {
                    walker.newData(FirmwarePaths.partitionName(base), data, name.endsWith(".br"), text, visitor, 1);
                }
            }
            for (ZipArchiveEntry e : images) {
                String base = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                withImage(zip, channel, e, view -> walker.image(FirmwarePaths.partitionName(base), view, null,
                        visitor, false, 1));
            }
        }
    }

    private interface ImageUse {
        void use(ImageView view) throws IOException, FirmwareFormatException;
    }

    /** The entry's bytes as a view: in place when stored, else inflated into a temporary file. */
    private void withImage(ZipFile zip, FileChannel channel, ZipArchiveEntry e, ImageUse use)
            throws IOException, FirmwareFormatException {
        if (e.getMethod() == ZipArchiveEntry.STORED && e.getDataOffset() >= 0
                && e.getSize() >= 0 && e.getDataOffset() + e.getSize() <= channel.size()) {
            use.use(ImageView.region(channel, e.getDataOffset(), e.getSize()));
            return;
        }
        Path copy = walker.temp();
        try {
            try (InputStream in = capped(zip, e)) {
                Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel c = FileChannel.open(copy, StandardOpenOption.READ)) {
                use.use(ImageView.of(c));
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The entry's inflated bytes, failing once they pass the partition limit or the ratio limit. */
    private InputStream capped(ZipFile zip, ZipArchiveEntry e) throws IOException, FirmwareFormatException {
        if (e.getSize() > maxPartitionBytes) {
            throw new FirmwareFormatException("zip: " + e.getName() + " of " + e.getSize()
                    + " bytes is larger than the limit of " + maxPartitionBytes);
        }
        long compressed = Math.max(1, e.getCompressedSize());
        long cap = e.getMethod() == ZipArchiveEntry.STORED ? e.getSize()
                : Math.min(maxPartitionBytes, Math.max(1L << 20, compressed * limits.maxRatio()));
        String name = e.getName();
        return new CappedStream(zip.getInputStream(e), cap, () -> new IOException(new FirmwareFormatException(
                "zip: " + name + " inflates past " + cap + " bytes (" + compressed + " compressed): a zip bomb")));
    }
}
